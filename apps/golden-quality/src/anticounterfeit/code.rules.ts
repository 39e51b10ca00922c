import { createHash, randomInt } from 'node:crypto';

/** A code is 20 decimal digits (about 2^66 of them), printed in groups of four. */
export const CODE_DIGITS = 20;
/** The most codes one call issues (a larger batch is issued in several calls). */
export const MAX_CODES_PER_ISSUE = 1000;

/**
 * A fresh code from the operating system's CSPRNG: unguessable, so the
 * public check (rate-limited per source) cannot be used to find genuine ones.
 *
 * @example
 * newCode() // '48201937465019283746'
 */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_DIGITS; i++) code += String(randomInt(10));
  return code;
}

/**
 * What is stored of a code: its SHA-256, hex.
 *
 * @example
 * codeHash('48201937465019283746').length // 64
 */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** The public answer: genuine the first time, then how often it was checked before, or unknown. */
export type CheckAnswer =
  | { answer: 'genuine' }
  | { answer: 'already_checked'; times: number }
  | { answer: 'unknown' };

/**
 * The answer for a code checked `checksBefore` times before this one (undefined: no such code).
 *
 * @example
 * answerFor(0) // { answer: 'genuine' }
 * answerFor(3) // { answer: 'already_checked', times: 3 }
 */
export function answerFor(checksBefore: number | undefined): CheckAnswer {
  if (checksBefore === undefined) return { answer: 'unknown' };
  return checksBefore === 0 ? { answer: 'genuine' } : { answer: 'already_checked', times: checksBefore };
}
