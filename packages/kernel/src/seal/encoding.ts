/**
 * Byte/text helpers shared by the seal module. Decoders are strict (they return `null` instead of
 * guessing) because Node's own base64/hex decoders silently skip bad characters, and a verifier that
 * "repairs" its input would accept several encodings of the same signature.
 */

/** Lowercase hex of bytes. @example toHex(new Uint8Array([1, 255])) // '01ff' */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Strict hex decode: even length, [0-9a-f] only (either case), else null. @example fromHex('01ff') */
export function fromHex(text: string): Uint8Array | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Standard base64 with padding. @example toBase64(new Uint8Array([1])) // 'AQ==' */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Strict base64 decode: canonical padded form only (re-encoding must give back the input), else null. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : null;
}

/** Copy into a fresh ArrayBuffer-backed view, which WebCrypto's `BufferSource` typing requires. */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Number[] view for sm-crypto, whose string inputs are read as UTF-8 text, not as hex. */
export function toByteArray(bytes: Uint8Array): number[] {
  return Array.from(bytes);
}

/** Serial numbers compare as hex integers: case and leading zero octets are not significant. */
export function normalizeSerial(serial: string): string {
  return serial.toLowerCase().replace(/^(00)+(?=.)/, '');
}
