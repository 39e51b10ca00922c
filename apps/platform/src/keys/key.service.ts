import { generateSigningKey } from '@egov/kernel/identity';
import { exportJWK } from 'jose';
import { sql } from 'kysely';
import { inTransaction, type PlatformDb } from '../database.ts';
import type { SigningKeyRow } from './key.table.ts';

/** Any constant works: it only has to be the same in every platform process sharing the database. */
const KEY_CREATION_LOCK = 'egov-platform.signing_key';

/** Non-retired keys, newest first: the first signs, all of them verify. */
export function liveKeys(db: PlatformDb): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('signing_key')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
}

/**
 * Makes sure there is a key to sign with, creating an Ed25519 key on first use,
 * and returns its kid. Safe when two platform processes start at once: an
 * advisory lock serialises the check-then-insert, so the second one finds the
 * first one's key instead of making its own.
 *
 * @example
 * const kid = await ensureActiveKey(database.db); // at start-up, before serving
 */
export async function ensureActiveKey(db: PlatformDb): Promise<string> {
  const [existing] = await liveKeys(db);
  if (existing) return existing.kid;
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${KEY_CREATION_LOCK}))`.execute(trx);
    const [raced] = await liveKeys(trx);
    if (raced) return raced.kid;
    const key = await generateSigningKey();
    const privateJwk = { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: 'EdDSA' };
    await trx
      .insertInto('signing_key')
      .values({
        kid: key.kid,
        private_jwk: JSON.stringify(privateJwk),
        public_jwk: JSON.stringify(key.publicJwk),
      })
      .execute();
    return key.kid;
  });
}
