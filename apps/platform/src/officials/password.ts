import { randomBytes } from 'node:crypto';
import { hash, type Options, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id recommendation (m = 19 MiB, t = 2, p = 1). argon2id is the
 * library's default algorithm; it is left implicit because the `Algorithm`
 * const enum cannot be imported under `isolatedModules`.
 */
const OWASP: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes a password for storage; the PHC string carries salt and parameters.
 *
 * @example
 * const passwordHash = await hashPassword('correct horse battery');
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OWASP);
}

/** Whether `password` matches `passwordHash`; a malformed hash is simply a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real verification would, for a username that does not
 * exist, so response timing does not tell which usernames are real. Always false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(18).toString('base64'));
  await verifyPassword(await dummy, password);
  return false;
}
