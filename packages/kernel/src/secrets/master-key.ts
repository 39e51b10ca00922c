import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The secrets master key: `EGOV_SECRETS_KEY` (64 hex digits) when set, as a
 * deployment injects it from its KMS or HSM-backed vault; otherwise a key file
 * made on first start (mode 0600), as for the service keys in the embedded
 * mode. Losing the key loses what it sealed: back it up with the database.
 *
 * @example
 * const key = secretsMasterKey(process.env, '.data/keys/platform-secrets.key');
 */
export function secretsMasterKey(env: NodeJS.ProcessEnv, file: string): Buffer {
  const configured = env.EGOV_SECRETS_KEY;
  if (configured !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(configured))
      throw new Error('EGOV_SECRETS_KEY must be 64 hex digits (a 32-byte key)');
    return Buffer.from(configured, 'hex');
  }
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(stored)) throw new Error(`${file} does not hold a 32-byte hex key`);
    return Buffer.from(stored, 'hex');
  }
  const key = randomBytes(32);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
