import { DomainError } from '@egov/kernel/errors';
import type { PlatformDb } from '../database.ts';
import type { Agency } from './officials.schemas.ts';

/**
 * Adds an agency; its code is permanent, so an existing code is a conflict, not an update.
 *
 * @example
 * await createAgency(db, { code: 'mps', name: 'Ministry of Public Security', zone: 'internal' });
 */
export async function createAgency(db: PlatformDb, agency: Agency): Promise<Agency> {
  const inserted = await db
    .insertInto('agency')
    .values(agency)
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  if (!inserted) {
    throw new DomainError('CONFLICT', `agency ${agency.code} already exists`, {
      field: 'code',
      rule: 'taken',
    });
  }
  return agency;
}

export function listAgencies(db: PlatformDb): Promise<Agency[]> {
  return db.selectFrom('agency').select(['code', 'name', 'zone']).orderBy('code').execute();
}

/** Throws a field error naming `agency` unless it exists. */
export async function requireAgency(db: PlatformDb, code: string): Promise<void> {
  const found = await db.selectFrom('agency').select('code').where('code', '=', code).executeTakeFirst();
  if (!found) {
    throw new DomainError('INVALID', `no agency with code ${code}`, {
      field: 'agency',
      rule: 'unknown_agency',
    });
  }
}
