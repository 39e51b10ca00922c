import { type Kysely, sql } from 'kysely';

/* Social-security cards with their bank card numbers; loss and reissue. Frozen once merged. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('card')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('insured_uuid', 'uuid', (c) => c.notNull().references('insured_person.uuid'))
    .addColumn('bank_card', 'text', (c) => c.notNull().unique().check(sql`bank_card ~ '^[0-9]{16,19}$'`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'lost', 'replaced')`))
    // The card this one replaced (a reissue).
    .addColumn('replaces_id', 'bigint', (c) => c.references('card.id'))
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('lost_at', 'timestamptz')
    .execute();
  // One current card (active, or lost and not yet reissued) per person.
  await db.schema
    .createIndex('card_one_current')
    .unique()
    .on('card')
    .column('insured_uuid')
    .where(sql.ref('status'), '<>', 'replaced')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('card').execute();
}
