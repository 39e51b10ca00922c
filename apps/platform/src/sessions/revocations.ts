import { DomainError } from '@egov/kernel/errors';
import type { RevocationList } from '@egov/kernel/identity';
import { revokedGrantsAt } from '../catalog/grant-revocations.ts';
import { ACCESS_TOKEN_SECONDS, CLOCK_TOLERANCE_SECONDS } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import type { PlatformRoutes } from '../request-scope.ts';

/** A revocation matters while a token it voids can still verify: the longest lifetime plus the verifiers' tolerance. */
const RELEVANT_SECONDS = ACCESS_TOKEN_SECONDS + CLOCK_TOLERANCE_SECONDS;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Revoked sessions, voided subjects (officials, revoked services) and revoked catalog grants whose tokens
 * could still verify at `now`, in the kernel's `revocationList` shape. Older entries drop out on
 * their own, so the list stays as short as the last quarter of an hour.
 *
 * @example
 * const list = await revocationListAt(db, new Date()); // { sessions: [{ sid, until }], subjects: [...] }
 */
export async function revocationListAt(db: PlatformDb, now: Date): Promise<RevocationList> {
  const horizon = new Date(now.getTime() - RELEVANT_SECONDS * 1000);
  const sessions = await db
    .selectFrom('session')
    .select(['sid', 'revoked_at'])
    .where('revoked_at', '>', horizon)
    .orderBy('revoked_at')
    .execute();
  const subjects = await db
    .selectFrom('official')
    .select(['id', 'tokens_not_before'])
    .where('tokens_not_before', '>', horizon)
    .orderBy('tokens_not_before')
    .execute();
  // A revoked service identity voids every service token issued to it before the revocation.
  const services = await db
    .selectFrom('service_account')
    .select(['name', 'revoked_at'])
    .where('revoked_at', '>', horizon)
    .orderBy('revoked_at')
    .execute();
  return {
    grants: await revokedGrantsAt(db, now),
    sessions: sessions.map((s) => ({ sid: s.sid, until: seconds(s.revoked_at!) + RELEVANT_SECONDS })),
    subjects: [
      ...subjects.map((s) => {
        const notBefore = seconds(s.tokens_not_before!);
        return { sub: `official:${s.id}`, notBefore, until: notBefore + RELEVANT_SECONDS };
      }),
      ...services.map((s) => {
        // A token issued in the very second of the revocation counts as before it (iat has no fraction).
        const notBefore = seconds(s.revoked_at!) + 1;
        return { sub: `service:${s.name}`, notBefore, until: notBefore + RELEVANT_SECONDS };
      }),
    ],
  };
}

/**
 * `GET /.well-known/revocations`, polled by every app every 2 s. Never cached:
 * the point is that a logout reaches everyone within one poll.
 */
export const revocationRoutes: PlatformRoutes = (hono, { database }) => {
  hono.get('/.well-known/revocations', async (c) =>
    c.json(await revocationListAt(database.db, new Date()), 200, { 'cache-control': 'no-store' }),
  );
};

const ended = () => new DomainError('UNAUTHORIZED', 'access token refused: session ended');

/**
 * The platform's own check, straight from its tables (no polling delay): the
 * official exists and is enabled, the token is not older than the official's
 * `notBefore`, and its session is live. Tokens whose subject is not an
 * official id (test fixtures) have nothing to revoke.
 *
 * @example
 * await assertSessionLive(db, { sub: 'official:…', sid: '…', iat: 1790000000 }, new Date());
 */
export async function assertSessionLive(
  db: PlatformDb,
  claims: { sub: string; sid?: string | undefined; iat: number },
  now: Date,
): Promise<void> {
  const id = claims.sub.slice('official:'.length);
  if (!UUID.test(id)) return;
  const official = await db
    .selectFrom('official')
    .select(['disabled', 'tokens_not_before'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!official || official.disabled) throw ended();
  if (official.tokens_not_before && claims.iat < seconds(official.tokens_not_before)) throw ended();
  if (claims.sid === undefined) return;
  if (!UUID.test(claims.sid)) throw ended();
  const session = await db
    .selectFrom('session')
    .select(['revoked_at', 'absolute_expires_at'])
    .where('sid', '=', claims.sid)
    .where('official_id', '=', id)
    .executeTakeFirst();
  if (!session || session.revoked_at || session.absolute_expires_at <= now) throw ended();
}
