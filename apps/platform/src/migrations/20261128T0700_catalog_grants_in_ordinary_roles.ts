import { type Kysely, sql } from 'kysely';

/**
 * The catalog and exchange (S3.1) are run by agency officials, not by the
 * three administrators: a catalog steward registers the agency's resources
 * and decides who may use them, a liaison asks another agency for access.
 * Their permissions live under `platform.*` (the platform serves them), which
 * migration `separate_administrators` reserved for administrator roles.
 *
 * This relaxes that check by an allow-list, and nothing more: an ordinary
 * role may hold `platform.catalog.read`, `platform.catalog.manage`,
 * `platform.catalog.*`, `platform.exchange.request` and
 * `platform.exchange.decide`. Every other `platform.*` and `kernel.*` grant
 * stays in the administrator roles, `platform.*` itself included. So does
 * `platform.exchange.token` (and `platform.exchange.*`, which would cover it):
 * grant tokens are for service identities, whose permissions the launcher
 * sets, never for an official's role.
 *
 * The same list is `ORDINARY_PLATFORM_GRANTS` in `access/grants.ts`; a test
 * holds the two to the same answers.
 */
const allowList = String.raw`catalog\.(read|manage|\*)|exchange\.(request|decide)`;
const relaxed = sql.raw(
  `admin_kind <> 'none' or array_to_string(permissions, ' ') !~ '(^| )(kernel\\.|platform\\.(?!(${allowList})( |$)))'`,
);
const original = sql`admin_kind <> 'none' or array_to_string(permissions, ' ') !~ '(^| )(platform|kernel)\\.'`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('role').dropConstraint('role_admin_grants_only_in_admin_roles').execute();
  await db.schema
    .alterTable('role')
    .addCheckConstraint('role_admin_grants_only_in_admin_roles', relaxed)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // Ordinary roles lose the catalog grants the stricter rule forbids, as `separate_administrators` did.
  await db
    .updateTable('role')
    .set({
      permissions: sql`array(select p from unnest(permissions) as p where p !~ '^(platform|kernel)\\.')`,
    })
    .where('admin_kind', '=', 'none')
    .execute();
  await db.schema.alterTable('role').dropConstraint('role_admin_grants_only_in_admin_roles').execute();
  await db.schema
    .alterTable('role')
    .addCheckConstraint('role_admin_grants_only_in_admin_roles', original)
    .execute();
}
