import { sql } from 'kysely';
import { securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';

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
 * afterTransaction((db) => countFailedLogin(db, input.username, now));
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
