import { residentIdCheckChar } from './check-char.ts';
import type { ResidentId } from './types.ts';
import { type ValidateResidentIdOptions, validateResidentId } from './validate.ts';

/** Inputs for {@link issueResidentId}. */
export interface IssueResidentIdInput {
  /** 6-digit division code (current or historical). */
  readonly division: string;
  /** `YYYY-MM-DD` or `YYYYMMDD`. */
  readonly birthDate: string;
  /** 0..999; odd for men, even for women. */
  readonly sequence: number;
}

/**
 * Assembles a resident ID and computes its check character. Meant for tests, seeds and
 * fixtures: the result is fully validated, so a bad division or date fails loudly here rather
 * than producing an ID that other code would reject.
 *
 * @throws RangeError if the sequence is out of range or the assembled ID does not validate.
 * @example
 * issueResidentId({ division: '110105', birthDate: '1949-12-31', sequence: 2 }) // '11010519491231002X'
 */
export function issueResidentId(
  input: IssueResidentIdInput,
  options: ValidateResidentIdOptions = {},
): ResidentId {
  const { division, birthDate, sequence } = input;
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999, got ${sequence}`);
  }
  const first17 = `${division}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError(
      `cannot issue resident ID from division "${division}" and birth date "${birthDate}"`,
    );
  }
  const result = validateResidentId(first17 + residentIdCheckChar(first17), options);
  if (!result.ok) throw new RangeError(`cannot issue resident ID: ${result.message}`);
  return result.value;
}
