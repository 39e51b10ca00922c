import type { Sex } from '../residents/resident.table.ts';

/*
 * GB 11643 sequence codes (顺序码): three digits per (division, birth date),
 * odd for men and even for women. 000 is never issued: many downstream
 * checkers treat an all-zero sequence as a placeholder, so women start at 002.
 */

/** The highest sequence code. */
export const MAX_SEQUENCE = 999;

/** Each sex has its own parity, so consecutive codes of one sex are two apart. */
export const SEQUENCE_STEP = 2;

/**
 * The first sequence code issued for a sex.
 *
 * @example
 * firstSequence('male') // 1
 * firstSequence('female') // 2
 */
export function firstSequence(sex: Sex): number {
  return sex === 'male' ? 1 : 2;
}

/**
 * The sex a sequence code encodes.
 *
 * @example
 * sexOfSequence(13) // 'male'
 */
export function sexOfSequence(sequence: number): Sex {
  return sequence % 2 === 1 ? 'male' : 'female';
}

/**
 * How many IDs one (division, birth date) can give a sex: 500 men, 499 women.
 *
 * @example
 * capacity('female') // 499
 */
export function capacity(sex: Sex): number {
  return Math.floor((MAX_SEQUENCE - firstSequence(sex)) / SEQUENCE_STEP) + 1;
}

/**
 * The `n`-th (0-based) sequence code issued for a sex, or undefined past capacity.
 *
 * @example
 * nthSequence('female', 0) // 2
 * nthSequence('male', 500) // undefined
 */
export function nthSequence(sex: Sex, n: number): number | undefined {
  const sequence = firstSequence(sex) + n * SEQUENCE_STEP;
  return sequence <= MAX_SEQUENCE ? sequence : undefined;
}
