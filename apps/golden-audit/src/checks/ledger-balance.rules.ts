import { type RuleFinding, sortFindings } from './check.rules.ts';

export type AccountType = 'asset' | 'liability' | 'revenue' | 'expenditure';

/** One account of golden-finance's trial balance (GF-LED-0001); totals are decimal strings of fen. */
export interface TrialBalanceAccount {
  code: string;
  name: string;
  type: AccountType;
  debitFen: string;
  creditFen: string;
  balanceFen: string;
}

export interface TrialBalance {
  asOf: string | null;
  accounts: TrialBalanceAccount[];
  totalDebitFen: string;
  totalCreditFen: string;
  balanced: boolean;
}

/** The balance an account of `type` carries on its normal side: debit for assets and expenditure. */
export function normalBalance(type: AccountType, debit: bigint, credit: bigint): bigint {
  return type === 'asset' || type === 'expenditure' ? debit - credit : credit - debit;
}

/**
 * A treasury ledger that does not balance. Double entry (借贷记账法, the
 * 财政总预算会计制度 of 2015: 有借必有贷，借贷必相等): the debits of all
 * accounts equal their credits. Recomputed here from the accounts, never
 * taken from the owner's `balanced` flag: a finding when the accounts' debits
 * and credits differ, when the stated totals are not the accounts' sums, when
 * the owner says balanced and it is not, and for each account whose stated
 * balance is not its debits and credits netted on its normal side. All in
 * bigint: ledger totals pass 2^53 fen.
 *
 * @example
 * ledgerImbalances({ asOf: '2026-03-31', balanced: true, totalDebitFen: '100', totalCreditFen: '100',
 *   accounts: [{ code: 'tsa', name: '国库存款', type: 'asset', debitFen: '100', creditFen: '0', balanceFen: '100' },
 *              { code: 'rev', name: '税收收入', type: 'revenue', debitFen: '0', creditFen: '90', balanceFen: '90' }] })
 * // findings: the accounts' debits 100 and credits 90 differ by 10; stated credits 100 are not the sum 90
 */
export function ledgerImbalances(tb: TrialBalance): RuleFinding[] {
  const ledger = `ledger:${tb.asOf ?? 'all'}`;
  const findings: RuleFinding[] = [];
  let debit = 0n;
  let credit = 0n;
  for (const a of tb.accounts) {
    const d = BigInt(a.debitFen);
    const c = BigInt(a.creditFen);
    debit += d;
    credit += c;
    const expected = normalBalance(a.type, d, c);
    if (expected !== BigInt(a.balanceFen))
      findings.push({
        rule: 'ledger-unbalanced',
        summary: `account ${a.code} (${a.name}) states a balance of ${a.balanceFen} fen; its debits and credits give ${expected}`,
        amountFen: String(abs(expected - BigInt(a.balanceFen))),
        cites: [ledger, `account:${a.code}`],
      });
  }
  const accounts = tb.accounts.map((a) => `account:${a.code}`).sort();
  if (debit !== credit)
    findings.push({
      rule: 'ledger-unbalanced',
      summary: `the accounts' debits (${debit} fen) and credits (${credit} fen) differ by ${abs(debit - credit)} fen`,
      amountFen: String(abs(debit - credit)),
      cites: [ledger, ...accounts],
    });
  for (const [side, stated, summed] of [
    ['debits', BigInt(tb.totalDebitFen), debit],
    ['credits', BigInt(tb.totalCreditFen), credit],
  ] as const)
    if (stated !== summed)
      findings.push({
        rule: 'ledger-unbalanced',
        summary: `the stated total ${side} (${stated} fen) are not the accounts' sum (${summed} fen)`,
        amountFen: String(abs(stated - summed)),
        cites: [ledger, ...accounts],
      });
  if (tb.balanced && (debit !== credit || BigInt(tb.totalDebitFen) !== BigInt(tb.totalCreditFen)))
    findings.push({
      rule: 'ledger-unbalanced',
      summary: 'the ledger says it balances, and it does not',
      amountFen: String(abs(debit - credit)),
      cites: [ledger],
    });
  return sortFindings(findings);
}

const abs = (n: bigint) => (n < 0n ? -n : n);
