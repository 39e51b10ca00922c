import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as every authenticator app implements it (RFC 6238 defaults: HMAC-SHA1,
 * 6 digits, 30-second steps), with one step of tolerance either way for
 * clock drift and typing time.
 */
const PERIOD_SECONDS = 30;
const WINDOW_STEPS = 1;

function totpOf(secret: string, username = 'official'): TOTP {
  return new TOTP({
    issuer: 'egov',
    label: username,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  });
}

/**
 * A fresh 160-bit secret (RFC 4226's recommended length), base32-encoded.
 *
 * @example
 * const secret = newTotpSecret(); // 'JBSWY3DPEHPK3PXP…'
 */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The `otpauth://totp/…` URI an authenticator app scans as a QR code.
 *
 * @example
 * otpauthUri(secret, 'sysadmin'); // 'otpauth://totp/egov:sysadmin?issuer=egov&secret=…'
 */
export function otpauthUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/**
 * The time step (RFC 6238 T) whose code `code` is, within the window around
 * `now`, or null. Callers accept a step only once (single use).
 *
 * @example
 * const step = matchingStep(secret, '492039', new Date()); // e.g. 59666666, or null
 */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const totp = totpOf(secret);
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW_STEPS });
  return delta === null ? null : totp.counter({ timestamp: now.getTime() }) + delta;
}

/**
 * The code for `at`, as the official's authenticator app would show it (tests and tooling).
 *
 * @example
 * totpCode(secretFromUri(uri), new Date());
 */
export function totpCode(secret: string, at: Date): string {
  return totpOf(secret).generate({ timestamp: at.getTime() });
}

/**
 * The base32 secret inside an `otpauth://` URI.
 *
 * @example
 * const secret = secretFromUri('otpauth://totp/egov:li.wei?secret=JBSWY3DPEHPK3PXP&issuer=egov');
 */
export function secretFromUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error('otpauth URI carries no secret');
  return secret;
}
