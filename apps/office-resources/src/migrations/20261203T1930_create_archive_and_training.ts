import { type Kysely, sql } from 'kysely';

/* The archive of closed documents with its catalogue, and civil-servant training (S7). Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('archive_sequence')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('retention', 'text', (c) => c.notNull())
    .addColumn('last_item', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('archive_sequence_pk', ['year', 'retention'])
    .execute();
  await db.schema
    .createTable('archive_item')
    .addColumn('archive_number', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('retention', 'text', (c) =>
      c.notNull().check(sql`retention in ('permanent','30-years','10-years')`),
    )
    .addColumn('item', 'integer', (c) => c.notNull())
    .addColumn('document_id', 'uuid', (c) => c.unique().references('document.id'))
    .addColumn('incoming_id', 'uuid', (c) => c.unique().references('incoming_document.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'date', (c) => c.notNull())
    .addColumn('keep_until', 'date')
    .addColumn('archived_by', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('archive_item_one_source', sql`(document_id is null) <> (incoming_id is null)`)
    .execute();

  await db.schema
    .createTable('course')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('credit_hours', 'integer', (c) => c.notNull().check(sql`credit_hours between 1 and 200`))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('exam')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('course_id', 'bigint', (c) => c.notNull().unique().references('course.id'))
    .addColumn('pass_mark', 'integer', (c) => c.notNull())
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('total_points', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('exam_pass_mark', sql`pass_mark between 1 and total_points`)
    .execute();
  await db.schema
    .createTable('enrolment')
    .addColumn('course_id', 'bigint', (c) => c.notNull().references('course.id'))
    .addColumn('official', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .addColumn('hours_earned', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('enrolment_pk', ['course_id', 'official'])
    .execute();
  await db.schema
    .createTable('exam_attempt')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('exam_id', 'bigint', (c) => c.notNull().references('exam.id'))
    .addColumn('official', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['exam_attempt', 'enrolment', 'exam', 'course', 'archive_item', 'archive_sequence'])
    await db.schema.dropTable(t).execute();
}
