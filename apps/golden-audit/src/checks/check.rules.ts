/**
 * What every audit rule returns: findings, each naming the rule, what is wrong,
 * the amount at stake (a decimal string of fen: sums of many records may pass
 * 2^53) and the records it rests on (`<kind>:<id>`, as the owners name them).
 * A finding that cites nothing is not a finding; the rules never make one.
 */
export type RuleCode =
  | 'pension-after-death'
  | 'payment-over-appropriation'
  | 'payment-without-appropriation'
  | 'import-vat-without-certificate'
  | 'import-vat-deducted-twice'
  | 'ledger-unbalanced';

export interface RuleFinding {
  rule: RuleCode;
  /** One sentence a reader of the report understands. */
  summary: string;
  /** Fen at stake, a decimal integer string ("0" where no amount applies). */
  amountFen: string;
  /** The pulled records the finding rests on, e.g. `death:…`, `pension-payment:…`, in a stable order. */
  cites: string[];
}

/** Sums fen amounts exactly: bigint, whatever the number of records. */
export function sumFen(amounts: Iterable<number | bigint>): bigint {
  let total = 0n;
  for (const a of amounts) total += BigInt(a);
  return total;
}

/** Sorts findings so a rule's output does not depend on the order records were pulled in. */
export function sortFindings(findings: RuleFinding[]): RuleFinding[] {
  const key = (f: RuleFinding) => `${f.rule}\n${f.cites.join('\n')}\n${f.summary}`;
  return findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
