import { type Kysely, sql } from 'kysely';

/**
 * Three-administrator separation (GB/T 22239-2019 8.1.5.1-8.1.5.3), held by
 * the database itself: every role has an `admin_kind`, copied onto each
 * assignment and tied to the role by a composite foreign key (so no insert can
 * lie about it), and a partial unique index allows one administrator role per
 * official. Administrative grants (`platform.*`, `kernel.*`) may sit only in
 * administrator roles, so no ordinary role can smuggle them in.
 *
 * The permission lists are frozen here; changing them takes a new migration.
 */
const adminRoles = [
  {
    name: 'system-admin',
    admin_kind: 'system',
    description: 'system administrator (8.1.5.1): agencies, officials, service identities, the registry',
    permissions: [
      'platform.agency.manage',
      'platform.official.manage',
      'platform.official.read',
      'platform.registry.read',
      'platform.registry.register',
      'platform.service.manage',
      'platform.service.read',
    ],
  },
  {
    name: 'audit-admin',
    admin_kind: 'audit',
    description: 'audit administrator (8.1.5.2): reads and verifies the audit log, nothing else',
    permissions: ['kernel.audit.read'],
  },
  {
    name: 'security-admin',
    admin_kind: 'security',
    description:
      'security administrator (8.1.5.3): roles and permissions, signing keys, second factors, lockouts',
    permissions: [
      'platform.account.unlock',
      'platform.key.read',
      'platform.key.rotate',
      'platform.mfa.reset',
      'platform.role.assign',
      'platform.role.manage',
      'platform.role.read',
    ],
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  // The old all-powerful role cannot exist under separated duties; its holders keep their accounts, not its powers.
  await db.deleteFrom('official_role').where('role_name', '=', 'platform-admin').execute();
  await db.deleteFrom('role').where('name', '=', 'platform-admin').execute();
  await db
    .updateTable('role')
    .set({
      permissions: sql`array(select p from unnest(permissions) as p where p !~ '^(platform|kernel)\\.')`,
    })
    .execute();

  await db.schema
    .alterTable('role')
    .addColumn('admin_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('role')
    .addCheckConstraint('role_admin_kind_known', sql`admin_kind in ('none', 'system', 'security', 'audit')`)
    .execute();
  await db.schema
    .alterTable('role')
    .addCheckConstraint(
      'role_admin_grants_only_in_admin_roles',
      sql`admin_kind <> 'none' or array_to_string(permissions, ' ') !~ '(^| )(platform|kernel)\\.'`,
    )
    .execute();
  await db.schema
    .alterTable('role')
    .addUniqueConstraint('role_name_admin_kind', ['name', 'admin_kind'])
    .execute();

  await db.schema
    .alterTable('official_role')
    .addColumn('admin_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .execute();
  await db.schema
    .alterTable('official_role')
    .addForeignKeyConstraint('official_role_admin_kind_of_role', ['role_name', 'admin_kind'], 'role', [
      'name',
      'admin_kind',
    ])
    .execute();
  await db.schema
    .createIndex('official_role_one_admin_role')
    .on('official_role')
    .column('official_id')
    .unique()
    .where(sql.ref('admin_kind'), '<>', 'none')
    .execute();

  await db.insertInto('role').values(adminRoles).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom('official_role')
    .where(
      'role_name',
      'in',
      adminRoles.map((r) => r.name),
    )
    .execute();
  await db.deleteFrom('role').where('admin_kind', '<>', 'none').execute();
  await db.schema.dropIndex('official_role_one_admin_role').execute();
  await db.schema.alterTable('official_role').dropConstraint('official_role_admin_kind_of_role').execute();
  await db.schema.alterTable('official_role').dropColumn('admin_kind').execute();
  await db.schema.alterTable('role').dropConstraint('role_name_admin_kind').execute();
  await db.schema.alterTable('role').dropConstraint('role_admin_grants_only_in_admin_roles').execute();
  await db.schema.alterTable('role').dropConstraint('role_admin_kind_known').execute();
  await db.schema.alterTable('role').dropColumn('admin_kind').execute();
}
