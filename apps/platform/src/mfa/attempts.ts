import { sql } from 'kysely';
import { securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';

/**
 * Counts one failed second-factor attempt against a session, in one atomic
 * statement, under the session's row lock that the check took (so the next
 * guess, parallel or batched, sees it); the attempt that reaches the limit
 * (5 by default) revokes the session, so guessing 6-digit codes costs a
 * fresh password login every few tries.
 *
 * @example
 * await countMfaFailure(trx, sid, now); // then throw a CountedRefusal, which commits it
 */
export async function countMfaFailure(db: PlatformDb, sid: string, now: Date): Promise<void> {
  const limit = securityConfig().mfa.maxAttempts;
  const last = sql<boolean>`mfa_failures + 1 >= ${limit} and revoked_at is null`;
  await db
    .updateTable('session')
    .set({
      mfa_failures: sql`mfa_failures + 1`,
      revoked_at: sql`case when ${last} then ${now}::timestamptz else revoked_at end`,
      revoked_reason: sql`case when ${last} then 'mfa-attempts' else revoked_reason end`,
    })
    .where('sid', '=', sid)
    .execute();
}
