/** GB 32100-2015 unified social credit codes (统一社会信用代码) and GB 11714 organisation codes. */
export { CREDIT_CODE_ALPHABET, creditCodeCharValue, REGISTRATION_AUTHORITIES } from './alphabet.ts';
export { creditCodeCheckChar } from './check-char.ts';
export {
  ENTITY_TYPES,
  entityTypeName,
  ORGANISATION_SEQUENCE_MAX,
  organisationBodyForSequence,
} from './entity-types.ts';
export { type IssueCreditCodeInput, issueCreditCode } from './issue.ts';
export { organisationCodeCheckChar } from './organisation-code.ts';
export { creditCodeSchema } from './schema.ts';
export type { CreditCode, CreditCodePart } from './types.ts';
export { validateCreditCode } from './validate.ts';
