import { readFileSync } from 'node:fs';
import type { KeptTreeHead } from '@egov/kernel/audit';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { sql } from 'kysely';
import type { JWK } from 'jose';

/** The verifier cannot pin a key: nothing is verified, and the command exits 2. */
export class UnpinnedError extends Error {}

const isEd25519 = (k: unknown): k is JWK =>
  typeof k === 'object' &&
  k !== null &&
  (k as JWK).kty === 'OKP' &&
  (k as JWK).crv === 'Ed25519' &&
  typeof (k as JWK).x === 'string' &&
  (k as JWK).d === undefined;

/** A file's JSON; a saved tRPC answer (`{ "result": { "data": ... } }`) is unwrapped. */
function readJson(file: string, flag: string): unknown {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8'));
    return value?.result?.data ?? value;
  } catch (error) {
    throw new UnpinnedError(`${flag} ${file}: cannot be read as JSON (${(error as Error).message})`);
  }
}

/**
 * Public keys from `--key` files: a public JWK, a JWKS (`{ "keys": [...] }`),
 * or what the platform's `services.publicKeys` answers (the entry of
 * `service` is taken). A file that yields no Ed25519 public key is refused by name.
 */
export function keysFromFiles(files: string[], service: string): JWK[] {
  return files.flatMap((file) => {
    const value = readJson(file, '--key');
    const candidates: unknown[] = Array.isArray(value)
      ? value
          .filter((e: { name?: unknown }) => e?.name === service)
          .map((e: { publicJwk?: unknown }) => e.publicJwk)
      : Array.isArray((value as { keys?: unknown })?.keys)
        ? (value as { keys: unknown[] }).keys
        : [value];
    const keys = candidates.filter(isEd25519);
    if (keys.length === 0)
      throw new UnpinnedError(
        `--key ${file}: holds no Ed25519 public key${Array.isArray(value) ? ` for ${service}` : ''} (a public JWK, a JWKS, or the output of services.publicKeys)`,
      );
    return keys;
  });
}

/** Tree heads an auditor kept (`--head`): what `audit.treeHead` answered, one head or a list. */
export function headsFromFiles(files: string[]): KeptTreeHead[] {
  return files.flatMap((file) => {
    const value = readJson(file, '--head');
    const heads = (Array.isArray(value) ? value : [value]) as KeptTreeHead[];
    for (const h of heads)
      if (
        typeof h?.service !== 'string' ||
        !Number.isSafeInteger(h.treeSize) ||
        typeof h.rootHash !== 'string' ||
        typeof h.issuedAt !== 'string' ||
        typeof h.signature !== 'string' ||
        !isEd25519(h.publicJwk)
      )
        throw new UnpinnedError(
          `--head ${file}: not a signed tree head with its public key (service, treeSize, rootHash, issuedAt, signature, publicJwk)`,
        );
    return heads;
  });
}

/**
 * The key the platform enrolled for `app` (the only key its tree heads and
 * archives may be signed with), read from the platform's database; or why
 * there is none.
 */
export async function enrolledKey(
  env: NodeJS.ProcessEnv,
  app: string,
): Promise<{ keys: JWK[]; reason?: string }> {
  let platform: Awaited<ReturnType<typeof createDatabase<any>>> | undefined;
  if (!env.DATABASE_URL)
    return { keys: [], reason: 'no platform database is given (DATABASE_URL is not set)' };
  try {
    platform = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor('platform'), env));
    const row = await sql<{
      public_jwk: JWK | string;
    }>`select public_jwk from ${sql.table('platform.service_account')} where name = ${app}`.execute(
      platform.db,
    );
    const jwk = row.rows[0]?.public_jwk;
    if (!jwk) return { keys: [], reason: `the platform has no key enrolled for ${app}` };
    return { keys: [typeof jwk === 'string' ? (JSON.parse(jwk) as JWK) : jwk] };
  } catch (error) {
    return { keys: [], reason: `the platform's database cannot be read (${(error as Error).message})` };
  } finally {
    await platform?.close().catch(() => {});
  }
}

/** The refusal when nothing pins the key of `app`. */
export function unpinned(app: string, reason: string): UnpinnedError {
  return new UnpinnedError(
    `cannot pin the key of ${app}: ${reason}. Give --key FILE (the app's public key, e.g. from the platform's services.publicKeys), --head FILE (a tree head you kept), or run where the platform's database is reachable`,
  );
}
