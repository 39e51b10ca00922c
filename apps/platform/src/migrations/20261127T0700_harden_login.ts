import { type Kysely, sql } from 'kysely';

/**
 * Login hardening: failed-attempt counting and lockout, password age (for
 * profiles with a maximum age), a moment before which every token of an
 * official is void (disabled accounts), an optional phone number, and login
 * sessions with idle and absolute limits.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('official')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('tokens_not_before', 'timestamptz')
    .addColumn('phone', 'text')
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('sid', 'uuid', (c) => c.primaryKey())
    .addColumn('official_id', 'uuid', (c) => c.notNull().references('official.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    // How the official authenticated in this session (RFC 8176), grows to {pwd,otp} after the second factor.
    .addColumn('amr', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{pwd}'`))
    // SHA-256 of the current refresh secret; the secret itself is only ever in the client's hands.
    .addColumn('refresh_hash', 'text', (c) => c.notNull())
    .addColumn('mfa_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('session_official_id').on('session').column('official_id').execute();
  // The revocation list reads recently revoked sessions only.
  await db.schema.createIndex('session_revoked_at').on('session').column('revoked_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session').execute();
  for (const column of [
    'failed_attempts',
    'locked_until',
    'password_changed_at',
    'tokens_not_before',
    'phone',
  ]) {
    await db.schema.alterTable('official').dropColumn(column).execute();
  }
}
