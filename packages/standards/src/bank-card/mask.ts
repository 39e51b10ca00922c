/**
 * Masks a card number for display: the first 6 (issuer BIN) and last 4 digits stay visible,
 * every other digit becomes `*` — the PCI DSS maximum. Spaces are dropped first; inputs of
 * 10 digits or fewer are fully masked so nothing leaks from malformed data.
 *
 * @example
 * maskBankCard('6222021001123456789') // '622202*********6789'
 */
export function maskBankCard(card: string): string {
  const pan = card.replaceAll(' ', '');
  if (pan.length <= 10) return '*'.repeat(pan.length);
  return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}
