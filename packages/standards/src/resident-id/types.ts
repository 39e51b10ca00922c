import type { Brand } from '../brand.ts';
import type { DivisionCode } from '../divisions/types.ts';

/**
 * An 18-character GB 11643-1999 citizen identity number that passed `validateResidentId`,
 * normalised to upper-case `X`.
 */
export type ResidentId = Brand<string, 'ResidentId'>;

/** Which part of a resident ID failed, in the order they are checked. */
export type ResidentIdPart = 'length' | 'format' | 'division' | 'birth_date' | 'check_digit';

/** Sex encoded by the parity of the sequence code (odd = male). */
export type Sex = 'male' | 'female';

/** Fields decoded from a valid resident ID. */
export interface ResidentIdParts {
  /** Address code of the issuing registry, possibly a historical (abolished) code. */
  readonly division: DivisionCode;
  /** ISO calendar date `YYYY-MM-DD`; kept as a string so no time zone can shift it. */
  readonly birthDate: string;
  /** Three-digit sequence code, as printed (e.g. `'013'`). */
  readonly sequence: string;
  readonly sex: Sex;
}
