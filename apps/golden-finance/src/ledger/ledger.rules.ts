import { err, type Fen, ok, type Result } from '@egov/standards';
import type { RevenueSource } from '../treasury/sources.ts';
import type { AccountType } from './account.table.ts';
import type { JournalKind, Side } from './journal.table.ts';

/*
 * The chart of accounts of the treasury (国库集中收付):
 *   tsa                      国库单一账户, the treasury single account (asset)
 *   zba.finance              财政零余额账户, pays direct payments, cleared to the TSA the same day (asset)
 *   zba.<unit>               单位零余额账户, pays authorised payments, cleared the same day (asset)
 *   suspense                 receipts not yet identified (liability)
 *   revenue.<source>         revenue by source (customs duty, import VAT, …)
 *   expenditure.<unit>       spending by budget unit
 * Zero-balance accounts never hold money overnight: every payment through one
 * is followed in the same transaction by its clearing against the TSA.
 */
export const TSA = 'tsa';
export const FINANCE_ZBA = 'zba.finance';
export const SUSPENSE = 'suspense';

/** @example revenueAccount('customs-duty') // 'revenue.customs-duty' */
export const revenueAccount = (source: RevenueSource) => `revenue.${source}`;
/** @example unitZbaAccount('201001') // 'zba.201001' */
export const unitZbaAccount = (unitCode: string) => `zba.${unitCode}`;
/** @example expenditureAccount('201001') // 'expenditure.201001' */
export const expenditureAccount = (unitCode: string) => `expenditure.${unitCode}`;

export interface PostingLine {
  account: string;
  side: Side;
  amountFen: Fen;
}

/** A journal before it is posted: built by the receipt, payment and suspense rules. */
export interface JournalDraft {
  kind: JournalKind;
  reference: string;
  memo: string;
  /** `YYYY-MM-DD`, the treasury day in China. */
  businessDate: string;
  lines: PostingLine[];
}

/** @example debit('tsa', fen(100)) // { account: 'tsa', side: 'debit', amountFen: 100 } */
export const debit = (account: string, amountFen: Fen): PostingLine => ({
  account,
  side: 'debit',
  amountFen,
});
/** @example credit('suspense', fen(100)) */
export const credit = (account: string, amountFen: Fen): PostingLine => ({
  account,
  side: 'credit',
  amountFen,
});

export type JournalProblem = 'too_few_lines' | 'amount' | 'unbalanced';

/**
 * Checks a journal's lines: at least two, every amount a positive safe
 * integer, debits equal to credits (summed in bigint, so no total can
 * overflow into a false balance). Returns the total on each side.
 *
 * @example
 * checkJournal([debit('tsa', fen(5)), credit('suspense', fen(5))]) // { ok: true, value: 5 }
 * checkJournal([debit('tsa', fen(5)), credit('suspense', fen(4))]) // { ok: false, part: 'unbalanced', … }
 */
export function checkJournal(lines: readonly PostingLine[]): Result<bigint, JournalProblem> {
  if (lines.length < 2)
    return err('too_few_lines', `a journal needs at least two lines, got ${lines.length}`);
  let debits = 0n;
  let credits = 0n;
  for (const line of lines) {
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen <= 0) {
      return err('amount', `line amount must be a positive whole number of fen, got ${line.amountFen}`);
    }
    if (line.side === 'debit') debits += BigInt(line.amountFen);
    else credits += BigInt(line.amountFen);
  }
  if (debits !== credits) {
    return err('unbalanced', `debits ${debits} fen do not equal credits ${credits} fen`);
  }
  return ok(debits);
}

/**
 * An account's balance on its normal side: debits minus credits for assets
 * and expenditure, credits minus debits for liabilities and revenue. Exact
 * in bigint: an account's totals pass 2^53 fen over the years.
 *
 * @example
 * normalBalance('revenue', 0n, 500n) // 500n
 */
export function normalBalance(type: AccountType, debitFen: bigint, creditFen: bigint): bigint {
  return type === 'asset' || type === 'expenditure' ? debitFen - creditFen : creditFen - debitFen;
}

export interface AccountTotals {
  code: string;
  debitFen: bigint;
  creditFen: bigint;
}

/**
 * Totals of a trial balance (试算平衡): the sum of every debit and every credit,
 * equal whenever each journal balanced; exact in bigint, never overflowing.
 *
 * @example
 * trialTotals([{ code: 'tsa', debitFen: 5n, creditFen: 0n }, { code: 'suspense', debitFen: 0n, creditFen: 5n }])
 * // { debitFen: 5n, creditFen: 5n, balanced: true }
 */
export function trialTotals(accounts: readonly AccountTotals[]): {
  debitFen: bigint;
  creditFen: bigint;
  balanced: boolean;
} {
  let debits = 0n;
  let credits = 0n;
  for (const a of accounts) {
    debits += a.debitFen;
    credits += a.creditFen;
  }
  return { debitFen: debits, creditFen: credits, balanced: debits === credits };
}
