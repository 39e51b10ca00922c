import { type Kysely, sql } from 'kysely';

/* Cases (案件) opened on referral from other agencies, and the findings agencies attach. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_file')
    .addColumn('serial', 'bigserial', (c) => c.primaryKey())
    .addColumn('resident_uuid', 'uuid', (c) => c.notNull().references('resident.id'))
    .addColumn('opened_for', 'text', (c) => c.notNull())
    .addColumn('source_reference', 'text', (c) =>
      c.notNull().check(sql`char_length(source_reference) between 3 and 100`),
    )
    .addColumn('grounds', 'text', (c) => c.notNull().check(sql`char_length(grounds) between 20 and 4000`))
    .addColumn('referrals', 'jsonb', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('case_file_once_per_source', ['opened_for', 'source_reference'])
    .execute();
  await db.schema
    .createTable('case_finding')
    .addColumn('case_serial', 'bigint', (c) => c.notNull().references('case_file.serial'))
    .addColumn('app', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`char_length(summary) between 1 and 1000`))
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('attached_by', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_finding_pk', ['case_serial', 'app', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_finding').execute();
  await db.schema.dropTable('case_file').execute();
}
