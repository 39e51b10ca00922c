import { creditCodeCharValue } from './alphabet.ts';
import { creditCodeCheckChar } from './check-char.ts';
import { organisationCodeCheckChar } from './organisation-code.ts';
import type { CreditCode } from './types.ts';
import { validateCreditCode } from './validate.ts';

/** Inputs for {@link issueCreditCode}. */
export interface IssueCreditCodeInput {
  /** One of `123456789ANY`; defaults to '9' (market regulation / 工商). */
  readonly authority?: string;
  /** Entity type within the authority; defaults to '1' (enterprise under '9'). */
  readonly entityType?: string;
  /** 6-digit division code whose province is real (or '100000' for national registrations). */
  readonly division: string;
  /** The 8 body characters of the organisation code; its check char is computed. */
  readonly organisationBody: string;
}

/**
 * Assembles a credit code, computing both the organisation-code and overall check characters.
 * For tests, seeds and fixtures; the result is validated so mistakes fail here, loudly.
 *
 * @throws RangeError if the parts cannot form a valid code (e.g. a body letter outside the
 *   credit-code alphabet, or an unknown province).
 * @example
 * issueCreditCode({ division: '350100', organisationBody: 'M000100Y' }) // '91350100M000100Y43'
 */
export function issueCreditCode(input: IssueCreditCodeInput): CreditCode {
  const { authority = '9', entityType = '1', division, organisationBody } = input;
  if (!/^[0-9A-Z]{8}$/.test(organisationBody)) {
    throw new RangeError(`organisation body must be 8 digits or capitals, got "${organisationBody}"`);
  }
  const first17 = `${authority}${entityType}${division}${organisationBody}${organisationCodeCheckChar(organisationBody)}`;
  const computable = first17.length === 17 && [...first17].every((c) => creditCodeCharValue(c) >= 0);
  // When the prefix is malformed, validate a placeholder anyway so the error names the part.
  const result = validateCreditCode(first17 + (computable ? creditCodeCheckChar(first17) : '0'));
  if (!result.ok) throw new RangeError(`cannot issue credit code: ${result.message}`);
  return result.value;
}
