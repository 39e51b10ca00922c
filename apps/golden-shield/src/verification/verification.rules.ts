import type { VerificationResult } from './verification-log.table.ts';

/** Interpuncts written in names such as 买买提·艾力: keyboards and forms produce all of these. */
const INTERPUNCTS = /[\u00B7\u2022\u2027\u30FB\uFF0E\u318D\u0387]/g;

/**
 * The form of a name that is compared: NFKC (full-width letters become
 * ASCII), trimmed, inner whitespace collapsed, every interpunct written `·`.
 * Nothing else is forgiven: 张伟 and 张玮 are different people.
 *
 * @example
 * normaliseName(' 买买提•艾力 ') // '买买提·艾力'
 */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(INTERPUNCTS, '\u00B7');
}

/**
 * The answer to "is this the name on file for this ID?". A dead resident is
 * still a `match`: the question is whether the pair identifies a person, not
 * whether they are alive (callers learn deaths from the death event).
 *
 * @example
 * compareIdentity('张伟', '张伟') // 'match'
 * compareIdentity(undefined, '张伟') // 'not_on_file'
 */
export function compareIdentity(nameOnFile: string | undefined, claimedName: string): VerificationResult {
  if (nameOnFile === undefined) return 'not_on_file';
  return normaliseName(nameOnFile) === normaliseName(claimedName) ? 'match' : 'mismatch';
}
