import { sql } from 'kysely';
import { securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import { verifyAgainstDummy, verifyPassword } from '../officials/password.ts';

/** How one attempt at an account's password ended. */
export type PasswordAttempt =
  | { outcome: 'accepted'; official: { id: string; username: string } }
  | {
      outcome: 'unknown' | 'locked' | 'wrong' | 'disabled';
      official: { id: string; username: string } | undefined;
    };

/**
 * One attempt at an official's password, serialised with every other attempt
 * at the same account: the account row is locked (`SELECT ... FOR UPDATE`) in
 * the caller's transaction before anything is checked, so parallel requests
 * and the calls of one batch take turns, on one process or many. A locked
 * account's password is not checked at all (the time is spent on a dummy
 * hash); a failure is counted under the same lock, so the next attempt sees
 * it. The caller must throw a `CountedRefusal` on anything but `accepted`,
 * which commits the count with the refusal's audit record.
 *
 * @example
 * const attempt = await attemptPassword(trx, { username: 'clerk' }, password, now);
 * if (attempt.outcome !== 'accepted') throw new CountedRefusal('UNAUTHORIZED', 'username or password is wrong');
 */
export async function attemptPassword(
  db: PlatformDb,
  account: { username: string } | { id: string },
  password: string,
  now: Date,
): Promise<PasswordAttempt> {
  const row = await db
    .selectFrom('official')
    .select(['id', 'username', 'password_hash', 'disabled', 'locked_until'])
    .where((eb) => ('id' in account ? eb('id', '=', account.id) : eb('username', '=', account.username)))
    .forUpdate()
    .executeTakeFirst();
  if (!row) {
    await verifyAgainstDummy(password);
    return { outcome: 'unknown', official: undefined };
  }
  const official = { id: row.id, username: row.username };
  if (isLocked(row, now)) {
    await verifyAgainstDummy(password);
    await countFailedLogin(db, row.username, now);
    return { outcome: 'locked', official };
  }
  const matches = await verifyPassword(row.password_hash, password);
  if (matches && !row.disabled) return { outcome: 'accepted', official };
  await countFailedLogin(db, row.username, now);
  return { outcome: matches ? 'disabled' : 'wrong', official };
}

/**
 * Counts one failed login for `username` (GB/T 22239 8.1.4.1b) in a single
 * atomic statement, so parallel attempts each count: N + 1 concurrent bad
 * passwords leave the counter at exactly N + 1. The row lock PostgreSQL takes
 * for the UPDATE serialises them, and every SET expression reads the row as
 * it was before this statement.
 *
 * The attempt that reaches the limit locks the account; attempts during a
 * lock are counted but do not extend it (else anyone could keep an official
 * locked out forever); the first failure after a lock ran out starts a fresh
 * count. Unknown usernames match no row, at the same cost.
 *
 * @example
 * await countFailedLogin(trx, row.username, now); // under the row lock attemptPassword took
 */
export async function countFailedLogin(
  db: PlatformDb,
  username: string,
  now: Date,
): Promise<{ failedAttempts: number; lockedUntil: Date | null } | undefined> {
  const { maxFailures, lockSeconds } = securityConfig().lockout;
  const lockEnds = new Date(now.getTime() + lockSeconds * 1000);
  const lapsed = sql<boolean>`locked_until is not null and locked_until <= ${now}`;
  const count = sql<number>`case when ${lapsed} then 1 else failed_attempts + 1 end`;
  const row = await db
    .updateTable('official')
    .set({
      failed_attempts: count,
      locked_until: sql<Date | null>`case
        when locked_until > ${now} then locked_until
        when ${count} >= ${maxFailures} then ${lockEnds}::timestamptz
        else null end`,
    })
    .where('username', '=', username)
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirst();
  return row && { failedAttempts: row.failed_attempts, lockedUntil: row.locked_until };
}

/**
 * Whether the account is locked at `now`.
 *
 * @example
 * if (isLocked(row, ctx.now())) refuse();
 */
export function isLocked(row: { locked_until: Date | null }, now: Date): boolean {
  return row.locked_until !== null && row.locked_until > now;
}

/**
 * Clears the counter and any lock: after a successful login, and when a
 * security administrator unlocks the account.
 *
 * @example
 * await clearFailures(db, official.id);
 */
export async function clearFailures(db: PlatformDb, officialId: string): Promise<void> {
  await db
    .updateTable('official')
    .set({ failed_attempts: 0, locked_until: null })
    .where('id', '=', officialId)
    .where((eb) => eb.or([eb('failed_attempts', '<>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}
