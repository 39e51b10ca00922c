import { type Kysely, sql } from 'kysely';

/**
 * The seal CA (S8, S5.2): root CAs per algorithm and the agency seal
 * certificates they issued, with revocation. Issuing and revoking seal
 * certificates is the security administrator's (8.1.5.3: security parameters),
 * so `platform.seal.issue` and `platform.seal.revoke` join `security-admin`;
 * an administrator role, so the `platform.*` check holds.
 */
const grants = sql.raw(`array['platform.seal.issue', 'platform.seal.revoke']::text[]`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seal_ca')
    .addColumn('algorithm', 'text', (c) =>
      c.primaryKey().check(sql`algorithm in ('Ed25519', 'ECDSA-P256-SHA256', 'SM2-SM3')`),
    )
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    // Production keeps the CA key in an HSM; only the certificate would be stored here.
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('seal_certificate')
    .addColumn('serial_number', 'text', (c) => c.primaryKey().check(sql`serial_number ~ '^[0-9a-f]{1,40}$'`))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('subject_name', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) =>
      c.notNull().check(sql`algorithm in ('Ed25519', 'ECDSA-P256-SHA256', 'SM2-SM3')`),
    )
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .addCheckConstraint(
      'seal_certificate_revocation_has_reason',
      sql`(revoked_at is null) = (revocation_reason is null)`,
    )
    .execute();
  await db.schema
    .createIndex('seal_certificate_agency')
    .on('seal_certificate')
    .column('agency_code')
    .execute();
  await db
    .updateTable('role')
    .set({ permissions: sql`array(select distinct p from unnest(permissions || ${grants}) as p order by p)` })
    .where('name', '=', 'security-admin')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('role')
    .set({ permissions: sql`array(select p from unnest(permissions) as p where not (p = any(${grants})))` })
    .where('name', '=', 'security-admin')
    .execute();
  await db.schema.dropTable('seal_certificate').execute();
  await db.schema.dropTable('seal_ca').execute();
}
