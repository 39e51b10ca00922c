/**
 * Masks a phone number for display, keeping the first 3 (carrier block) and last 4 digits,
 * the convention on Chinese government and banking sites. Other characters become `*`
 * (length preserved); inputs of 7 characters or fewer are fully masked.
 *
 * @example
 * maskPhone('13812345678') // '138****5678'
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
