import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anHourAgo,
  bootGoldenFinance,
  creditCode,
  type GoldenFinanceTestApp,
  reference,
} from '../test.fixture.ts';

type ReceiptView = {
  id: string;
  status: string;
  suspenseReason: string | null;
  expectedItemId: string | null;
  journalIds: number[];
};

const importer = '91350100M000100Y43';

describe.each(databaseTargets())('treasury receipts on $name', (target) => {
  let gf: GoldenFinanceTestApp;
  const expectation = (change: Record<string, unknown> = {}) => ({
    source: 'customs-duty',
    sourceReference: reference('DEC'),
    payer: importer,
    amountFen: 1_000_000,
    dueDate: '2026-12-10',
    ...change,
  });
  /** Pays in what an expectation describes (its due date is not part of a receipt). */
  const receive = (
    item: { source: string; sourceReference: string; payer: string; amountFen: number },
    token = gf.as.customs,
  ) => {
    const { source, sourceReference, payer, amountFen } = item;
    return gf.call(
      'treasury.receive',
      { source, sourceReference, payer, amountFen, receivedAt: anHourAgo() },
      token,
    );
  };
  beforeAll(async () => {
    gf = await bootGoldenFinance(target);
  });
  afterAll(() => gf.close());

  it('matches a receipt to the item customs expects and books it as revenue of its source', async () => {
    const item = expectation();
    const expected = await gf.call('treasury.expect', item, gf.as.customs);
    expect(expected.status).toBe(200);
    expect(expected.data).toMatchObject({ status: 'open', receiptId: null, amountFen: 1_000_000 });
    const tsa = await gf.balance('tsa');
    const duty = await gf.balance('revenue.customs-duty');
    const r = await receive(item);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      source: 'customs-duty',
      status: 'matched',
      suspenseReason: null,
      expectedItemId: (expected.data as { id: string }).id,
      journalIds: [expect.any(Number)],
    });
    expect(await gf.balance('tsa')).toBe(tsa + 1_000_000);
    expect(await gf.balance('revenue.customs-duty')).toBe(duty + 1_000_000);
    const after = await gf.call('treasury.expect', item, gf.as.customs);
    expect(after.data).toMatchObject({ status: 'matched', receiptId: (r.data as ReceiptView).id });
  });

  it('answers a repeated receive with the first receipt and no second effect, even in parallel', async () => {
    const item = expectation({ source: 'import-vat' });
    await gf.ok('treasury.expect', item, gf.as.customs);
    const first = await receive(item);
    const before = await gf.counts();
    const again = await receive(item);
    expect(again.status).toBe(200);
    expect(again.data).toEqual(first.data);
    expect(await gf.counts()).toEqual(before);

    // In parallel, with an expected item: the duplicates queue on its row lock, then on the receipt's key.
    const fresh = expectation({ source: 'domestic-vat', sourceReference: reference('VAT') });
    await gf.ok('treasury.expect', fresh, gf.as.tax);
    const beforeBurst = await gf.counts();
    const burst = await Promise.all(Array.from({ length: 6 }, () => receive(fresh, gf.as.tax)));
    expect(burst.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(new Set(burst.map((r) => (r.data as ReceiptView).id)).size).toBe(1);
    expect((burst[0]!.data as ReceiptView).status).toBe('matched');
    expect(await gf.counts()).toMatchObject({
      expected_item: beforeBurst.expected_item,
      receipt: beforeBurst.receipt! + 1,
      journal: beforeBurst.journal! + 1,
      journal_line: beforeBurst.journal_line! + 2,
    });
  });

  it('refuses a reference reused for a different payer or amount, writing nothing', async () => {
    const item = expectation({ source: 'consumption-tax' });
    await receive(item);
    const before = await gf.counts();
    const other = await receive({ ...item, amountFen: 999 });
    expect(other.status).toBe(409);
    expect(other.error?.data.issues?.[0]).toMatchObject({
      path: 'sourceReference',
      rule: 'reference_reused',
    });
    const otherExpect = await gf.call('treasury.expect', { ...item, amountFen: 999 }, gf.as.customs);
    expect(otherExpect.status).toBe(200); // the expectation is new: receipts and expectations are separate documents
    expect((await gf.call('treasury.expect', { ...item, amountFen: 998 }, gf.as.customs)).status).toBe(409);
    expect(await gf.counts()).toMatchObject({ receipt: before.receipt, journal: before.journal });
  });

  it.each([
    ['no item was expected', {}, { amountFen: 700_000 }, 'no_expected_item', false],
    ['the amount differs', { amountFen: 800_000 }, { amountFen: 799_999 }, 'amount_mismatch', true],
    [
      'the payer differs',
      { amountFen: 900_000 },
      { amountFen: 900_000, payer: creditCode(77, '9') },
      'payer_mismatch',
      true,
    ],
  ])(
    'parks a receipt in suspense when %s, still booking the cash into the TSA',
    async (_, expected, received, reason, register) => {
      const item = expectation({ source: 'non-tax', ...expected });
      if (register) await gf.ok('treasury.expect', item, gf.as.tax);
      const suspense = await gf.balance('suspense');
      const r = await receive({ ...item, ...received });
      expect(r.data).toMatchObject({ status: 'suspense', suspenseReason: reason, expectedItemId: null });
      expect(await gf.balance('suspense')).toBe(suspense + (received.amountFen as number));
      const listed = await gf.ok<ReceiptView[]>(
        'treasury.listSuspense',
        { source: 'non-tax' },
        gf.as.treasury,
        'query',
      );
      expect(listed.map((l) => l.id)).toContain((r.data as ReceiptView).id);
    },
  );

  it('resolves a suspense receipt against its item: revenue recognised, suspense emptied, both matched', async () => {
    const item = expectation({ source: 'non-tax', amountFen: 250_000 });
    // The payer quoted a wrong reference: the money arrives under another one.
    const r = (await receive({ ...item, sourceReference: reference('TYPO') }, gf.as.tax)).data as ReceiptView;
    const expected = await gf.ok<{ id: string }>('treasury.expect', item, gf.as.tax);
    const [suspense, revenue] = [await gf.balance('suspense'), await gf.balance('revenue.non-tax')];
    const note = '缴款人填错缴款书编号，经核对为同一笔罚没款';
    const resolved = await gf.call(
      'treasury.resolveSuspense',
      { receiptId: r.id, expectedItemId: expected.id, note },
      gf.as.treasury,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.data).toMatchObject({
      status: 'matched',
      suspenseReason: 'no_expected_item', // why it was parked, kept as history
      expectedItemId: expected.id,
      resolvedBy: 'official:treasury-accountant',
      resolutionNote: note,
      journalIds: [r.journalIds[0], expect.any(Number)],
    });
    expect(await gf.balance('suspense')).toBe(suspense - 250_000);
    expect(await gf.balance('revenue.non-tax')).toBe(revenue + 250_000);

    const before = await gf.counts();
    const twice = await gf.call(
      'treasury.resolveSuspense',
      { receiptId: r.id, expectedItemId: expected.id, note },
      gf.as.treasury,
    );
    expect(twice.status).toBe(409);
    expect(twice.error?.data.issues?.[0]).toMatchObject({ path: 'receiptId', rule: 'not_in_suspense' });
    expect(await gf.counts()).toEqual(before);
  });

  it('refuses to resolve against an item of another amount or source, writing nothing', async () => {
    const r = (await receive(expectation({ source: 'non-tax', amountFen: 5_000 }), gf.as.tax))
      .data as ReceiptView;
    const wrongAmount = await gf.ok<{ id: string }>(
      'treasury.expect',
      expectation({ source: 'non-tax', amountFen: 5_001 }),
      gf.as.tax,
    );
    const wrongSource = await gf.ok<{ id: string }>(
      'treasury.expect',
      expectation({ amountFen: 5_000 }),
      gf.as.customs,
    );
    const before = await gf.counts();
    const resolve = (expectedItemId: string) =>
      gf.call(
        'treasury.resolveSuspense',
        { receiptId: r.id, expectedItemId, note: 'checked' },
        gf.as.treasury,
      );
    expect((await resolve(wrongAmount.id)).error?.data.issues?.[0]).toMatchObject({
      rule: 'amount_mismatch',
    });
    expect((await resolve(wrongSource.id)).error?.data.issues?.[0]).toMatchObject({
      rule: 'source_mismatch',
    });
    expect((await resolve('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await gf.counts()).toEqual(before);
  });

  it.each([
    ['a wrong credit code check character', { payer: `${importer.slice(0, 17)}0` }, 'payer', 'check_digit'],
    ['a credit code with a forbidden letter', { payer: `${importer.slice(0, 16)}O3` }, 'payer', 'format'],
    ['a negative amount', { amountFen: -500 }, 'amountFen', 'positive'],
    ['a non-integer amount', { amountFen: 10.01 }, 'amountFen', 'integer_fen'],
    ['an unknown source', { source: 'stamp-duty' }, 'source', 'invalid_value'],
    [
      'a receipt time in the future',
      { receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
      'receivedAt',
      'in_future',
    ],
    ['a receipt time without offset', { receivedAt: '2026-11-20T10:00:00' }, 'receivedAt', 'format'],
    ['a reference with spaces', { sourceReference: 'DEC 2026 01' }, 'sourceReference', 'invalid_format'],
    ['an unknown field', { currency: 'CNY' }, '(input)', 'unknown_field'],
  ])(
    'refuses a receipt with %s: 400 naming the field and rule, writing nothing',
    async (_, change, path, rule) => {
      const before = await gf.counts();
      const { dueDate: _dueDate, ...item } = expectation();
      const r = await gf.call(
        'treasury.receive',
        { ...item, receivedAt: anHourAgo(), ...change },
        gf.as.customs,
      );
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await gf.counts()).toEqual(before);
    },
  );

  it('refuses an expectation with an impossible due date, and callers without the permission', async () => {
    const bad = await gf.call('treasury.expect', expectation({ dueDate: '2026-02-30' }), gf.as.customs);
    expect(bad.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'dueDate', rule: 'calendar_date' }),
    ]);
    expect((await receive(expectation(), gf.as.treasury)).status).toBe(403);
    expect((await gf.call('treasury.resolveSuspense', {}, gf.as.customs)).status).toBe(403);
    expect((await gf.call('treasury.listSuspense', {}, undefined, 'query')).status).toBe(401);
  });
});
