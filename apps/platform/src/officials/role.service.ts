import { DomainError } from '@egov/kernel/errors';
import { isAdministrative } from '../access/grants.ts';
import type { PlatformDb } from '../database.ts';
import type { DefineRoleInput, Role } from './officials.schemas.ts';

/**
 * Creates a role or replaces its description and permissions. Officials
 * holding it get the new permissions with their next token (15 minutes at
 * most). The administrator roles are fixed by migration, and administrative
 * grants stay in them: otherwise a security administrator could define a role
 * with the system administrator's powers and take it.
 *
 * @example
 * await defineRole(db, { name: 'shield-clerk', description: 'reads residents', permissions: ['golden-shield.resident.read'] });
 */
export async function defineRole(db: PlatformDb, role: DefineRoleInput): Promise<Role> {
  const index = role.permissions.findIndex(isAdministrative);
  if (index >= 0) {
    throw new DomainError(
      'INVALID',
      `${role.permissions[index]} is administrative: platform.* and kernel.* belong to the three administrator roles (except the catalog and exchange grants)`,
      { field: `permissions.${index}`, rule: 'administrative_permission' },
    );
  }
  const existing = await db
    .selectFrom('role')
    .select('admin_kind')
    .where('name', '=', role.name)
    .executeTakeFirst();
  if (existing && existing.admin_kind !== 'none') {
    throw new DomainError('INVALID', `${role.name} is an administrator role, fixed by migration`, {
      field: 'name',
      rule: 'administrator_role',
    });
  }
  await db
    .insertInto('role')
    .values(role)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ description: role.description, permissions: role.permissions }),
    )
    .execute();
  return { ...role, adminKind: 'none' };
}

/**
 * Every role with its grants and administrator kind, by name.
 *
 * @example
 * const roles = await listRoles(db); // [{ name: 'audit-admin', adminKind: 'audit', ... }, ...]
 */
export async function listRoles(db: PlatformDb): Promise<Role[]> {
  const rows = await db
    .selectFrom('role')
    .select(['name', 'description', 'permissions', 'admin_kind'])
    .orderBy('name')
    .execute();
  return rows.map(({ admin_kind, ...r }) => ({ ...r, adminKind: admin_kind }));
}
