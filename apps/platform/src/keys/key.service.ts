import { generateSigningKey } from '@egov/kernel/identity';
import { exportJWK } from 'jose';
import { sql } from 'kysely';
import { ACCESS_TOKEN_SECONDS, CLOCK_TOLERANCE_SECONDS } from '../config.ts';
import { inTransaction } from '@egov/kernel/db';
import type { PlatformDb } from '../database.ts';
import type { SigningKeyRow } from './key.table.ts';

/** Any constant works: it only has to be the same in every platform process sharing the database. */
const KEY_LOCK = 'egov-platform.signing_key';

/**
 * How long a retired key keeps verifying: until the last token it signed has
 * expired (the longest token lifetime plus the verifiers' clock tolerance).
 */
export const RETIRED_KEY_GRACE_MS = (ACCESS_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000;

/**
 * Whether `row` still verifies at `now`: live, or retired less than the grace period ago.
 *
 * @example
 * const usable = rows.filter((row) => verifies(row, new Date()));
 */
export function verifies(row: Pick<SigningKeyRow, 'retired_at'>, now: Date): boolean {
  return row.retired_at === null || row.retired_at.getTime() + RETIRED_KEY_GRACE_MS > now.getTime();
}

/**
 * Keys that sign or still verify at `now`, newest first: the first live one
 * signs; retired ones inside their grace period are kept for verification.
 *
 * @example
 * const [newest] = await liveKeys(db);
 */
export function liveKeys(db: PlatformDb, now: Date = new Date()): Promise<SigningKeyRow[]> {
  return db
    .selectFrom('signing_key')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('retired_at', 'is', null),
        eb('retired_at', '>', new Date(now.getTime() - RETIRED_KEY_GRACE_MS)),
      ]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
}

async function insertNewKey(db: PlatformDb): Promise<string> {
  const key = await generateSigningKey();
  const privateJwk = { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: 'EdDSA' };
  await db
    .insertInto('signing_key')
    .values({
      kid: key.kid,
      private_jwk: JSON.stringify(privateJwk),
      public_jwk: JSON.stringify(key.publicJwk),
    })
    .execute();
  return key.kid;
}

const signing = (rows: SigningKeyRow[]) => rows.find((r) => r.retired_at === null);

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
  const existing = signing(await liveKeys(db));
  if (existing) return existing.kid;
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${KEY_LOCK}))`.execute(trx);
    const raced = signing(await liveKeys(trx));
    return raced ? raced.kid : insertNewKey(trx);
  });
}

/**
 * Rotates the token-signing key: a new key signs from now on (new `kid`),
 * the previous ones are retired but stay in the JWKS for the grace period,
 * so tokens signed before the rotation keep verifying until they expire.
 *
 * @example
 * const { kid, retired } = await rotateKeys(db, new Date());
 */
export async function rotateKeys(db: PlatformDb, now: Date): Promise<{ kid: string; retired: string[] }> {
  return inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${KEY_LOCK}))`.execute(trx);
    const retired = await trx
      .updateTable('signing_key')
      .set({ retired_at: now })
      .where('retired_at', 'is', null)
      .returning('kid')
      .execute();
    return { kid: await insertNewKey(trx), retired: retired.map((r) => r.kid) };
  });
}

/**
 * Every key with its state at `now`, for the security administrator; never a private half.
 *
 * @example
 * const keys = await listKeys(db, new Date()); // [{ kid, state: 'signing' }, { kid, state: 'verifying' }]
 */
export async function listKeys(db: PlatformDb, now: Date) {
  const rows = await db
    .selectFrom('signing_key')
    .select(['kid', 'created_at', 'retired_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    kid: r.kid,
    createdAt: r.created_at.toISOString(),
    retiredAt: r.retired_at?.toISOString() ?? null,
    state:
      r.retired_at === null
        ? ('signing' as const)
        : verifies(r, now)
          ? ('verifying' as const)
          : ('gone' as const),
  }));
}
