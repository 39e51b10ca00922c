/** Bank card numbers (PAN): Luhn validation and masking. */
export { luhnCheckDigit } from './luhn.ts';
export { maskBankCard } from './mask.ts';
export { bankCardSchema } from './schema.ts';
export { type BankCard, type BankCardPart, validateBankCard } from './validate.ts';
