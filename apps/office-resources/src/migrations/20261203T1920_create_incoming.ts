import { type Kysely, sql } from 'kysely';

/* Incoming documents (收文), their circulation and urging, and supervised tasks (督办). Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('incoming_sequence')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('incoming_document')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('sender_code', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('sender_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) =>
      c.notNull().check(sql`classification in ('none','secret','confidential','top-secret')`),
    )
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull().check(sql`copies between 1 and 999`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('handling_office', 'text')
    .addColumn('assigned_by', 'text')
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('due_on', 'date')
    .addColumn('reply', 'text')
    .addColumn('replied_by', 'text')
    .addColumn('replied_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('incoming_sender_number_unique', ['sender_code', 'sender_number'])
    .execute();
  await db.schema
    .createTable('incoming_circulation')
    .addColumn('incoming_id', 'uuid', (c) => c.notNull().references('incoming_document.id'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz')
    .addPrimaryKeyConstraint('incoming_circulation_pk', ['incoming_id', 'reader'])
    .execute();
  await db.schema
    .createTable('incoming_urging')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('incoming_id', 'uuid', (c) => c.notNull().references('incoming_document.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('working_days_overdue', 'integer', (c) => c.notNull())
    .addColumn('urged_by', 'text', (c) => c.notNull())
    .addColumn('urged_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('supervision_task')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('incoming_id', 'uuid', (c) => c.references('incoming_document.id'))
    .addColumn('responsible_office', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','done')`))
    .addColumn('result', 'text')
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'supervision_task',
    'incoming_urging',
    'incoming_circulation',
    'incoming_document',
    'incoming_sequence',
  ])
    await db.schema.dropTable(t).execute();
}
