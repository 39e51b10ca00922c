import { DomainError } from '@egov/kernel/errors';
import { type FenTotal, fenTotal } from '@egov/standards';
import { sql } from 'kysely';
import type { GoldenFinanceDb } from '../database.ts';
import type { Recorder } from '@egov/kernel/trpc';
import type { AccountType } from './account.table.ts';
import { checkJournal, type JournalDraft, normalBalance, trialTotals } from './ledger.rules.ts';

/**
 * Posts a journal and its lines. The rules check the draft first, so an
 * unbalanced draft never reaches the database; if one ever did (a bug), the
 * constraint trigger would still refuse it at commit. An unbalanced draft is
 * a programming error, not bad input: it fails as an internal error.
 *
 * @example
 * const journalId = await postJournal(trx, {
 *   kind: 'receipt', reference: `receipt:${id}`, memo: '关税 入库', businessDate: '2026-11-20',
 *   lines: [debit(TSA, amount), credit(revenueAccount('customs-duty'), amount)],
 * }, recorder);
 */
export async function postJournal(
  trx: GoldenFinanceDb,
  draft: JournalDraft,
  recorder: Recorder,
): Promise<number> {
  const checked = checkJournal(draft.lines);
  if (!checked.ok) throw new Error(`refusing to post journal ${draft.reference}: ${checked.message}`);
  const { id } = await trx
    .insertInto('journal')
    .values({
      kind: draft.kind,
      reference: draft.reference,
      memo: draft.memo,
      business_date: draft.businessDate,
      posted_at: recorder.at,
      posted_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('journal_line')
    .values(
      draft.lines.map((line) => ({
        journal_id: id,
        account_code: line.account,
        side: line.side,
        amount: line.amountFen,
      })),
    )
    .execute();
  return Number(id);
}

/**
 * An account's totals and balance as exact decimal strings of fen: they grow
 * past 2^53 fen over the years (a year's national revenue is about 2 × 10^15
 * fen), where a JSON number would lose digits.
 */
export interface AccountBalance {
  code: string;
  name: string;
  type: AccountType;
  debitFen: FenTotal;
  creditFen: FenTotal;
  /** On the account's normal side (see `normalBalance`). */
  balanceFen: FenTotal;
}

/** Debit and credit totals per account, over journals up to `asOf` (inclusive) or all; summed as `numeric`. */
async function totalsByAccount(db: GoldenFinanceDb, asOf: string | undefined, code?: string) {
  let query = db
    .selectFrom('journal_line')
    .innerJoin('journal', 'journal.id', 'journal_line.journal_id')
    .select([
      'journal_line.account_code as code',
      sql<string>`coalesce(sum(journal_line.amount) filter (where journal_line.side = 'debit'), 0)`.as(
        'debit',
      ),
      sql<string>`coalesce(sum(journal_line.amount) filter (where journal_line.side = 'credit'), 0)`.as(
        'credit',
      ),
    ])
    .groupBy('journal_line.account_code');
  if (asOf) query = query.where('journal.business_date', '<=', asOf);
  if (code) query = query.where('journal_line.account_code', '=', code);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.code, { debitFen: fenTotal(r.debit), creditFen: fenTotal(r.credit) }]));
}

function balanceRow(
  account: { code: string; name: string; type: AccountType },
  totals: { debitFen: bigint; creditFen: bigint } | undefined,
): AccountBalance & { exact: { debitFen: bigint; creditFen: bigint; balanceFen: bigint } } {
  const debitFen = totals?.debitFen ?? 0n;
  const creditFen = totals?.creditFen ?? 0n;
  const balanceFen = normalBalance(account.type, debitFen, creditFen);
  return {
    ...account,
    debitFen: String(debitFen),
    creditFen: String(creditFen),
    balanceFen: String(balanceFen),
    exact: { debitFen, creditFen, balanceFen },
  };
}

const withoutExact = ({ exact: _, ...row }: ReturnType<typeof balanceRow>): AccountBalance => row;

/**
 * The trial balance (试算平衡表): every account of the chart with its totals,
 * and whether all debits equal all credits.
 *
 * @example
 * const tb = await trialBalance(db, '2026-11-20');
 * tb.balanced // true, always; tb.totalDebitFen is a decimal string of fen
 */
export async function trialBalance(db: GoldenFinanceDb, asOf?: string) {
  const accounts = await db.selectFrom('account').select(['code', 'name', 'type']).orderBy('code').execute();
  const totals = await totalsByAccount(db, asOf);
  const rows = accounts.map((a) => balanceRow(a, totals.get(a.code)));
  const sums = trialTotals(rows.map((r) => ({ code: r.code, ...r.exact })));
  return {
    asOf: asOf ?? null,
    accounts: rows.map(withoutExact),
    totalDebitFen: String(sums.debitFen) as FenTotal,
    totalCreditFen: String(sums.creditFen) as FenTotal,
    balanced: sums.balanced,
  };
}

/**
 * One account's totals and balance, up to `asOf` or all.
 *
 * @example
 * (await accountBalance(db, 'tsa')).balanceFen // cash in the treasury, in fen
 */
export async function accountBalance(
  db: GoldenFinanceDb,
  code: string,
  asOf?: string,
): Promise<AccountBalance> {
  const account = await db
    .selectFrom('account')
    .select(['code', 'name', 'type'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!account) {
    throw new DomainError('NOT_FOUND', `no account ${code} in the chart`, {
      field: 'account',
      rule: 'unknown_account',
    });
  }
  return withoutExact(balanceRow(account, (await totalsByAccount(db, asOf, code)).get(code)));
}
