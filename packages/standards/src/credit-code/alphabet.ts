/**
 * GB 32100-2015 code alphabet: digits and upper-case letters without I, O, S, V, Z (easily
 * confused with 1, 0, 5, U, 2). A character's value is its index, so 'A' = 10 and 'Y' = 30.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Registration authority codes (登记管理部门代码). GB 32100-2015 itself defines 1 机构编制,
 * 5 民政, 9 工商 and Y 其他; the others were allocated afterwards: 2 外交, 3 司法行政, 4 文化,
 * 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业. Anything else is rejected rather
 * than guessed, so a typo in the first character is reported as such.
 */
export const REGISTRATION_AUTHORITIES = '123456789ANY';

/**
 * Value of a credit-code character, or -1 if it is not in the alphabet.
 *
 * @example
 * creditCodeCharValue('Y') // 30
 * creditCodeCharValue('I') // -1
 */
export function creditCodeCharValue(ch: string): number {
  return ch.length === 1 ? CREDIT_CODE_ALPHABET.indexOf(ch) : -1;
}
