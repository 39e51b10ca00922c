import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import { securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import { afterTransaction } from '../request-scope.ts';
import type { SessionRow } from './session.table.ts';

/** One answer for every refused refresh: which check failed is for the audit, not the caller. */
const ENDED = 'session ended: log in again';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A refresh token is `<sid>.<secret>`; only the secret's hash is stored, so a database dump refreshes nothing. */
function newRefresh(sid: string) {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sid}.${secret}`, hash: sha256(secret) };
}

/**
 * Opens a session for an official who has just proved their password.
 *
 * @example
 * const { session, refreshToken } = await openSession(db, official.id, now);
 */
export async function openSession(
  db: PlatformDb,
  officialId: string,
  now: Date,
): Promise<{ session: SessionRow; refreshToken: string }> {
  const sid = randomUUID();
  const refresh = newRefresh(sid);
  const session = await db
    .insertInto('session')
    .values({
      sid,
      official_id: officialId,
      created_at: now,
      last_seen_at: now,
      absolute_expires_at: new Date(now.getTime() + securityConfig().session.absoluteSeconds * 1000),
      amr: ['pwd'],
      refresh_hash: refresh.hash,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session, refreshToken: refresh.token };
}

/**
 * Extends a session with its refresh token and rotates the token. Refused
 * when the session was revoked, has reached its absolute limit, or was idle
 * longer than the idle limit. A refresh token presented after it was already
 * rotated means two parties hold it: the session is revoked (RFC 9700 4.14).
 *
 * @example
 * const { session, refreshToken } = await refreshSession(db, input.refreshToken, now);
 */
export async function refreshSession(
  db: PlatformDb,
  refreshToken: string,
  now: Date,
): Promise<{ session: SessionRow; refreshToken: string }> {
  const [sid, secret] = refreshToken.split('.');
  if (!sid || !secret || !/^[0-9a-f-]{36}$/.test(sid)) throw new DomainError('UNAUTHORIZED', ENDED);
  const row = await db.selectFrom('session').selectAll().where('sid', '=', sid).executeTakeFirst();
  const idleMs = securityConfig().session.idleSeconds * 1000;
  if (
    !row ||
    row.revoked_at ||
    row.absolute_expires_at <= now ||
    now.getTime() - row.last_seen_at.getTime() > idleMs
  ) {
    throw new DomainError('UNAUTHORIZED', ENDED);
  }
  if (!timingSafeEqual(Buffer.from(sha256(secret)), Buffer.from(row.refresh_hash))) {
    afterTransaction((root) => revokeSession(root, sid, 'refresh-reuse', now));
    throw new DomainError('UNAUTHORIZED', ENDED);
  }
  const next = newRefresh(sid);
  const session = await db
    .updateTable('session')
    .set({ last_seen_at: now, refresh_hash: next.hash })
    .where('sid', '=', sid)
    .where('refresh_hash', '=', row.refresh_hash)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!session) throw new DomainError('UNAUTHORIZED', ENDED);
  return { session, refreshToken: next.token };
}

/**
 * Ends one session; its tokens are refused by the platform at once and by
 * every app within one poll of the revocation list. True if it was live.
 *
 * @example
 * await revokeSession(db, principal.sessionId, 'logout', now);
 */
export async function revokeSession(
  db: PlatformDb,
  sid: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const ended = await db
    .updateTable('session')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('sid', '=', sid)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return ended.numUpdatedRows > 0n;
}

/**
 * Ends every session of an official. With `voidTokens`, every token issued to
 * them up to now is void too (a subject `notBefore`, rounded up to the next
 * second because `iat` has whole seconds): for a disabled account, tokens
 * without a session included.
 *
 * @example
 * await revokeAllSessions(db, official.id, 'disabled', now, { voidTokens: true });
 */
export async function revokeAllSessions(
  db: PlatformDb,
  officialId: string,
  reason: string,
  now: Date,
  options: { voidTokens?: boolean; except?: string } = {},
): Promise<number> {
  let query = db
    .updateTable('session')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('official_id', '=', officialId)
    .where('revoked_at', 'is', null);
  if (options.except) query = query.where('sid', '<>', options.except);
  const ended = await query.executeTakeFirst();
  if (options.voidTokens) {
    const notBefore = new Date((Math.floor(now.getTime() / 1000) + 1) * 1000);
    await db
      .updateTable('official')
      .set({ tokens_not_before: notBefore })
      .where('id', '=', officialId)
      .execute();
  }
  return Number(ended.numUpdatedRows);
}
