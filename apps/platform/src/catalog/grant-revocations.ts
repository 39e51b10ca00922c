import type { RevocationList } from '@egov/kernel/identity';
import { CLOCK_TOLERANCE_SECONDS } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import { GRANT_TOKEN_MS } from './catalog.rules.ts';

/** A revoked grant matters while a grant token issued before the revocation can still verify. */
const RELEVANT_SECONDS = GRANT_TOKEN_MS / 1000 + CLOCK_TOLERANCE_SECONDS;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * Grants revoked within the last grant-token lifetime, for the revocation
 * list every app polls: owner apps refuse a revoked grant's token within one
 * poll instead of when it expires (up to an hour later). A grant that became
 * not shared (the owner reclassified its resource) is revoked the same way.
 *
 * @example
 * const grants = await revokedGrantsAt(db, new Date()); // [{ id, until }]
 */
export async function revokedGrantsAt(db: PlatformDb, now: Date): Promise<RevocationList['grants']> {
  const horizon = new Date(now.getTime() - RELEVANT_SECONDS * 1000);
  const rows = await db
    .selectFrom('exchange_grant')
    .select(['id', 'revoked_at'])
    .where('revoked_at', '>', horizon)
    .orderBy('revoked_at')
    .execute();
  return rows.map((g) => ({ id: g.id, until: seconds(g.revoked_at!) + RELEVANT_SECONDS }));
}
