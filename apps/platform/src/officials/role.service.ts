import { DomainError } from '@egov/kernel/errors';
import type { PlatformDb } from '../database.ts';
import type { Role } from './officials.schemas.ts';

/**
 * Creates a role or replaces its description and permissions. Officials
 * holding it get the new permissions with their next token (15 minutes at most).
 *
 * @example
 * await defineRole(db, { name: 'shield-clerk', description: 'reads residents', permissions: ['golden-shield.resident.read'] });
 */
export async function defineRole(db: PlatformDb, role: Role): Promise<Role> {
  await db
    .insertInto('role')
    .values(role)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ description: role.description, permissions: role.permissions }),
    )
    .execute();
  return role;
}

export function listRoles(db: PlatformDb): Promise<Role[]> {
  return db.selectFrom('role').select(['name', 'description', 'permissions']).orderBy('name').execute();
}

/** Throws a field error naming the first of `names` that is not a defined role. */
export async function requireRoles(db: PlatformDb, names: readonly string[], field = 'roles'): Promise<void> {
  if (names.length === 0) return;
  const found = await db.selectFrom('role').select('name').where('name', 'in', names).execute();
  const known = new Set(found.map((r) => r.name));
  const missing = names.find((n) => !known.has(n));
  if (missing) {
    throw new DomainError('INVALID', `no role named ${missing}`, { field, rule: 'unknown_role' });
  }
}
