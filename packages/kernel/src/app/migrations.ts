import { AUDIT_TABLES, auditMigrations } from '../audit/migrations.ts';
import { appRoleMigrations } from '../db/app-role-migrations.ts';
import type { Migrations } from '../db/migrations.ts';
import { idempotencyMigrations } from '../idempotency/migrations.ts';
import { messagingMigrations } from '../messaging/migrations.ts';
import { rateLimitMigrations } from '../ratelimit/migrations.ts';
import { stepMigrations } from '../steps/migrations.ts';
import type { AgencyAppDefinition } from './define.ts';

/**
 * Everything an app's schema holds: the kernel's tables (audit, outbox and
 * inbox, idempotency keys, rate limit counters, pending cross-agency steps), the app's own, and the app role's grants. One
 * list, so `egov migrate`, `egov seed` and starting an app agree.
 *
 * @example
 * await database.migrate(migrationsFor(goldenShield, database.schema));
 */
export function migrationsFor(
  definition: Pick<AgencyAppDefinition<any>, 'migrations'>,
  schema: string,
): Migrations {
  return {
    ...auditMigrations(schema),
    ...messagingMigrations,
    ...idempotencyMigrations,
    ...rateLimitMigrations,
    ...stepMigrations,
    ...definition.migrations,
    ...appRoleMigrations(schema, AUDIT_TABLES),
  };
}
