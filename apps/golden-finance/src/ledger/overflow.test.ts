import { AMOUNT_BOUNDS_FEN } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../shared/dates.ts';
import {
  anHourAgo,
  bootGoldenFinance,
  creditCode,
  type GoldenFinanceTestApp,
  reference,
} from '../test.fixture.ts';

const MAX = AMOUNT_BOUNDS_FEN.treasuryItem;
/** Receipts at the bound that take the ledger past 2^53 − 1 fen: 901 × 10^13 > 9.007 × 10^15. */
const COUNT = 901;

/**
 * Issue 12 item 5: once the ledger's total passed 2^53 − 1 fen, the trial
 * balance, account balances and reconciliation answered 500 for ever.
 */
describe.each(databaseTargets())('money past 2^53 fen in golden-finance on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  const payer = creditCode(5010001);
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it.each([
    ['treasury.receive', 'treasury'],
    ['treasury.expect', 'treasury'],
    ['appropriations.allocate', 'appropriation'],
  ])('%s refuses an amount above its bound with max_amount, writing nothing', async (path) => {
    const before = await gf.counts();
    const common = { source: 'non-tax', sourceReference: reference('B'), payer };
    const inputs: Record<string, { input: unknown; token: string }> = {
      'treasury.receive': {
        input: { ...common, amountFen: Number.MAX_SAFE_INTEGER, receivedAt: anHourAgo() },
        token: gf.as.tax,
      },
      'treasury.expect': {
        input: { ...common, amountFen: MAX + 1, dueDate: '2026-12-31' },
        token: gf.as.tax,
      },
      'appropriations.allocate': {
        input: { budgetUnit: '201001', fiscalYear: 2026, economicClass: '302', amountFen: MAX + 1 },
        token: gf.as.budget,
      },
    };
    const { input, token } = inputs[path]!;
    const r = await gf.call(path, input, token);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'amountFen', rule: 'max_amount' }),
    ]);
    expect(await gf.counts()).toEqual(before);
  });

  it('refuses a payment request above its bound', async () => {
    const unit = await gf.unit();
    const appropriation = await gf.appropriation(unit, 1_000_000);
    const r = await gf.call(
      'payments.request',
      gf.paymentInput(unit, appropriation, AMOUNT_BOUNDS_FEN.payment + 1),
      gf.as.accountant,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'amountFen', rule: 'max_amount' });
  });

  it('answers the trial balance, balances and reconciliation exactly once the ledger passes 2^53 fen', async () => {
    // A receipt at the bound through the API, then 900 more written straight to the tables (the API would take
    // minutes): each a receipt in suspense and its balanced journal, exactly as receiveReceipt writes them.
    const first = await gf.call(
      'treasury.receive',
      {
        source: 'non-tax',
        sourceReference: reference('BIG'),
        payer,
        amountFen: MAX,
        receivedAt: anHourAgo(),
      },
      gf.as.tax,
    );
    expect(first.status).toBe(200);
    const day = businessDate(new Date());
    const t = (name: string) => sql.table(`${gf.app.database.schema}.${name}`);
    await sql`
      with r as (
        insert into ${t('receipt')} (source, source_reference, payer, amount, received_at, business_date, status,
                             suspense_reason, recorded_at, recorded_by)
        select 'non-tax', 'BIG-' || g, ${payer}, ${MAX}::bigint, now() - interval '1 hour', ${day}::date, 'suspense',
               'no_expected_item', now(), 'test'
          from generate_series(2, ${COUNT}) g
        returning id
      ), j as (
        insert into ${t('journal')} (kind, reference, memo, business_date, posted_at, posted_by)
        select 'receipt', 'receipt:' || id, 'test', ${day}::date, now(), 'test' from r
        returning id
      )
      insert into ${t('journal_line')} (journal_id, account_code, side, amount)
      select id, 'tsa', 'debit', ${MAX}::bigint from j
      union all
      select id, 'suspense', 'credit', ${MAX}::bigint from j`.execute(gf.db);

    const total = BigInt(COUNT) * BigInt(MAX);
    expect(total > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    const tb = await gf.call('ledger.trialBalance', {}, gf.as.treasury, 'query');
    expect(tb.status).toBe(200);
    const trial = tb.data as { totalDebitFen: string; totalCreditFen: string; balanced: boolean };
    expect(trial).toMatchObject({
      totalDebitFen: total.toString(),
      totalCreditFen: total.toString(),
      balanced: true,
    });

    const tsa = await gf.call('ledger.accountBalance', { account: 'tsa' }, gf.as.treasury, 'query');
    expect(tsa.status).toBe(200);
    expect(tsa.data).toMatchObject({
      debitFen: total.toString(),
      creditFen: '0',
      balanceFen: total.toString(),
    });

    const run = await gf.call('reconciliation.run', { date: day }, gf.as.treasury);
    expect(run.status).toBe(200);
    const report = run.data as {
      tsa: Record<string, string>;
      differences: { kind: string; amountFen: string }[];
    };
    expect(report.tsa).toMatchObject({
      ledgerFen: total.toString(),
      receiptsFen: total.toString(),
      paymentsFen: '0',
      differenceFen: '0',
    });
    const suspended = report.differences.filter((d) => d.kind === 'receipt_in_suspense');
    expect(suspended).toHaveLength(COUNT);
    expect(suspended.reduce((s, d) => s + BigInt(d.amountFen), 0n)).toBe(total);
  });
});
