/** Mainland China mobile phone numbers: validation and masking. */
export { maskPhone } from './mask.ts';
export { mobilePhoneSchema } from './schema.ts';
export { type MobilePhone, type MobilePhonePart, validateMobilePhone } from './validate.ts';
