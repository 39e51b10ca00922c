import { type Kysely, type SelectQueryNode, sql, TableNode } from 'kysely';

/** The schema this migration runs in (Kysely scopes builder queries, not raw SQL, to it). */
function schemaOf(db: Kysely<any>): string {
  const node = db.selectFrom('document').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  if (!from || !TableNode.is(from) || !from.table.schema) throw new Error('migration must run with a schema');
  return from.table.schema.name;
}

/*
 * Outgoing official documents, their numbering, signing authority, seal keys, distribution and the
 * register of readers of classified documents. Frozen once merged: later changes are new migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('document')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) =>
      c.notNull().check(sql`direction in ('upward','parallel','downward')`),
    )
    .addColumn('classification', 'text', (c) =>
      c.notNull().check(sql`classification in ('none','secret','confidential','top-secret')`),
    )
    .addColumn('secrecy_term_years', 'integer')
    .addColumn('copy_number', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('document_code', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('signatories', sql`text[]`, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('addressees', 'jsonb', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attachments', sql`text[]`, (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('copies_to', 'jsonb', (c) => c.notNull())
    .addColumn('printing_office', 'text', (c) => c.notNull())
    .addColumn('corrects_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'text', (c) => c.notNull())
    .addColumn('drafted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('review_comment', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'timestamptz')
    .addColumn('dated_on', 'date')
    .addColumn('year', 'integer')
    .addColumn('serial', 'integer')
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('registered_at', 'timestamptz')
    .addColumn('printed_on', 'date')
    .addColumn('pdf', 'bytea')
    .addColumn('seal', 'jsonb')
    .addColumn('sealed_at', 'timestamptz')
    .addColumn('distributed_at', 'timestamptz')
    .addUniqueConstraint('document_serial_unique', ['document_code', 'year', 'serial'])
    .execute();
  const s = (name: string) => sql.id(schemaOf(db), name);
  await db.schema
    .alterTable('document')
    .addForeignKeyConstraint('document_corrects_fk', ['corrects_id'], 'document', ['id'])
    .execute();
  // A signed-off document never changes (a correction is a new document): the content columns are
  // frozen once signed_at is set, for every role; only the later steps' own columns may be filled.
  await sql`
    create function ${s('document_frozen')}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'official documents are never deleted' using errcode = '42501';
      end if;
      if old.signed_at is not null and (
        new.kind, new.direction, new.classification, new.secrecy_term_years, new.copy_number, new.urgency,
        new.document_code, new.issuer, new.signatories, new.title, new.addressees, new.body, new.attachments,
        new.notes, new.copies_to, new.printing_office, new.corrects_id, new.signed_by, new.signed_at, new.dated_on
      ) is distinct from (
        old.kind, old.direction, old.classification, old.secrecy_term_years, old.copy_number, old.urgency,
        old.document_code, old.issuer, old.signatories, old.title, old.addressees, old.body, old.attachments,
        old.notes, old.copies_to, old.printing_office, old.corrects_id, old.signed_by, old.signed_at, old.dated_on
      ) then
        raise exception 'a signed-off document never changes: issue a correction' using errcode = '42501';
      end if;
      if old.number is not null and new.number is distinct from old.number then
        raise exception 'a registered number never changes' using errcode = '42501';
      end if;
      if old.seal is not null and (new.seal is distinct from old.seal or new.pdf is distinct from old.pdf) then
        raise exception 'a sealed document never changes' using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger document_frozen before update or delete on ${s('document')}
    for each row execute function ${s('document_frozen')}()`.execute(db);

  await db.schema
    .createTable('document_number_sequence')
    .addColumn('document_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_number_sequence_pk', ['document_code', 'year'])
    .execute();

  await db.schema
    .createTable('signing_authority')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('official', 'text', (c) => c.notNull())
    .addColumn('document_code', 'text', (c) => c.notNull())
    .addColumn('kinds', sql`text[]`, (c) => c.notNull())
    .addColumn('max_classification', 'text', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('seal_key')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('certificate_chain', 'jsonb')
    .addColumn('serial_number', 'text')
    .addColumn('not_after', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('installed_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('recipient')
    .addColumn('agency_code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('app', 'text')
    .addColumn('zone', 'text', (c) => c.notNull().check(sql`zone in ('internal','external')`))
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('distribution')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id'))
    .addColumn('agency_code', 'text', (c) => c.notNull().references('recipient.agency_code'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('addressee','copy')`))
    .addColumn('distributed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('receipted_at', 'timestamptz')
    .addPrimaryKeyConstraint('distribution_pk', ['document_id', 'agency_code'])
    .execute();

  await db.schema
    .createTable('classified_reading')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('read_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'classified_reading',
    'distribution',
    'recipient',
    'seal_key',
    'signing_authority',
    'document_number_sequence',
  ])
    await db.schema.dropTable(t).execute();
  const fn = sql.id(schemaOf(db), 'document_frozen');
  await db.schema.dropTable('document').execute();
  await sql`drop function ${fn}()`.execute(db);
}
