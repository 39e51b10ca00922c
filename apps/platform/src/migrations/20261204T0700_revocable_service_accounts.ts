import type { Kysely } from 'kysely';

/**
 * A system administrator can revoke a service identity (`egov services
 * revoke`): the row stays, so the revocation has a time that the platform
 * publishes (tokens issued before it stop verifying everywhere within one
 * poll) and a later enrolment of a new key clears it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('service_account').addColumn('revoked_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('service_account').dropColumn('revoked_at').execute();
}
