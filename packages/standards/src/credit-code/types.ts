import type { Brand } from '../brand.ts';

/** An 18-character GB 32100-2015 unified social credit code that passed `validateCreditCode`. */
export type CreditCode = Brand<string, 'CreditCode'>;

/** Which part of a credit code failed, in the order they are checked. */
export type CreditCodePart =
  | 'length'
  | 'format'
  | 'registration_authority'
  | 'division'
  | 'organisation_code'
  | 'check_digit';
