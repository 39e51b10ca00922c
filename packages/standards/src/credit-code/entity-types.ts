import { CREDIT_CODE_ALPHABET } from './alphabet.ts';

/**
 * Entity type codes (机构类别代码, position 2) under the registration
 * authorities GB 32100-2015 itself tabulates (附录 A): 1 机构编制, 5 民政,
 * 9 工商 (now market regulation) and Y 其他. Authorities allocated later
 * (2, 3, 4, 6, 7, 8, A, N) keep their own tables and are not listed here, so
 * {@link entityTypeName} answers undefined for them rather than guessing.
 */
export const ENTITY_TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '1': { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  '5': { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  '9': { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
  Y: { '1': '其他' },
};

/**
 * The name of entity type `entityType` under registration authority `authority`, or undefined.
 *
 * @example
 * entityTypeName('9', '1') // '企业'
 * entityTypeName('5', '3') // '基金会'
 * entityTypeName('9', '9') // undefined
 */
export function entityTypeName(authority: string, entityType: string): string | undefined {
  return ENTITY_TYPES[authority]?.[entityType];
}

/** How many organisation-code bodies one registration authority can issue: 31^7 (the first body character is the authority). */
export const ORGANISATION_SEQUENCE_MAX = 31 ** 7 - 1;

/**
 * The 8 body characters of the organisation code (GB 11714) issued as number
 * `sequence` by registration authority `authority`: the authority's own code,
 * then the sequence in base 31 over the credit-code alphabet, 7 characters.
 * Leading with the authority keeps each authority's numbers apart, so two
 * authorities counting independently can never issue one organisation code;
 * using only credit-code characters keeps every body valid inside a GB 32100
 * code (no I, O, S, V, Z). The issuing system keeps the counter; this is the
 * pure mapping, one to one.
 *
 * @throws RangeError if the authority is not one character of the alphabet or
 *   the sequence is not an integer in 1..{@link ORGANISATION_SEQUENCE_MAX}.
 * @example
 * organisationBodyForSequence('9', 1)  // '90000001'
 * organisationBodyForSequence('9', 31) // '90000010'
 * organisationBodyForSequence('5', 1)  // '50000001'
 */
export function organisationBodyForSequence(authority: string, sequence: number): string {
  if (authority.length !== 1 || !CREDIT_CODE_ALPHABET.includes(authority))
    throw new RangeError(`registration authority must be one credit-code character, got "${authority}"`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > ORGANISATION_SEQUENCE_MAX)
    throw new RangeError(
      `sequence must be an integer from 1 to ${ORGANISATION_SEQUENCE_MAX}, got ${sequence}`,
    );
  let rest = sequence;
  let digits = '';
  for (let i = 0; i < 7; i++) {
    digits = CREDIT_CODE_ALPHABET[rest % 31]! + digits;
    rest = Math.floor(rest / 31);
  }
  return authority + digits;
}
