import { type Kysely, type SelectQueryNode, sql, TableNode } from 'kysely';

/**
 * The catalog and exchange (S3.1, after GB/T 21063 and X-Road): which agency
 * operates which system, the information resources agencies register, the
 * access requests consumer agencies make, and the grants owner agencies give.
 *
 * The database itself holds the rule that a resource which is not shared can
 * never be granted: every request and grant row carries its resource's
 * sharing class through a composite foreign key to `(id, sharing)` that
 * cascades on update, and a check forbids an active grant (or a pending
 * request) whose class is `not-shared`. A raw insert naming the true class is
 * refused by the check, one naming another class by the foreign key. Making a
 * resource `not-shared` revokes its grants and refuses its pending requests
 * first (a trigger), then the cascade copies the class, which the check now
 * accepts. The foreign key also serialises the two: `sharing` is part of a
 * unique key, so a grant being inserted (key-share lock on the resource) and
 * a class being changed (which needs the row's update lock) wait for each other.
 */

/** The schema this migration runs in (the app's, or a test's own): functions and triggers need its name. */
function schemaOf(db: Kysely<any>): string {
  const node = db.selectFrom('information_resource').selectAll().compile().query as SelectQueryNode;
  const from = node.from?.froms[0];
  if (!from || !TableNode.is(from) || !from.table.schema) throw new Error('migration must run with a schema');
  return from.table.schema.name;
}

const now = sql`now()`;
const RESOURCE_ID_PATTERN = '^[A-Z]{2,4}-[A-Z]{2,8}-[0-9]{4}$';
const PROCEDURE_PATH = '^[a-z][a-zA-Z0-9]*([.][a-z][a-zA-Z0-9]*)+$';

export async function up(db: Kysely<any>): Promise<void> {
  // Which agency operates which system (service identity): owners serve through their own systems, consumers ask for theirs.
  await db.schema
    .createTable('agency_system')
    .addColumn('app', 'text', (c) => c.primaryKey())
    .addColumn('agency_code', 'text', (c) => c.notNull().references('agency.code'))
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('agency_system_app_agency', ['app', 'agency_code'])
    .execute();

  await db.schema
    .createTable('information_resource')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql.raw(`id ~ '${RESOURCE_ID_PATTERN}'`)))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`length(title) between 1 and 200`))
    .addColumn('owner_agency', 'text', (c) => c.notNull())
    .addColumn('owner_app', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().check(sql`length(summary) between 1 and 2000`))
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('procedures', sql`text[]`, (c) => c.notNull())
    .addColumn('keywords', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // GB/T 2260 codes the resource covers; empty: the whole country.
    .addColumn('divisions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'information_resource_sharing_known',
      sql`sharing in ('unconditional', 'conditional', 'not-shared')`,
    )
    .addCheckConstraint(
      'information_resource_update_cycle_known',
      sql`update_cycle in ('realtime', 'daily', 'monthly', 'yearly', 'irregular')`,
    )
    .addCheckConstraint(
      'information_resource_format_known',
      sql`format in ('api', 'database', 'spreadsheet', 'document', 'image', 'stream', 'other')`,
    )
    .addCheckConstraint(
      'information_resource_procedures_wellformed',
      sql.raw(
        `cardinality(procedures) >= 1 and array_to_string(procedures, ' ') ~ '^${PROCEDURE_PATH.slice(1, -1)}( ${PROCEDURE_PATH.slice(1, -1)})*$'`,
      ),
    )
    .addCheckConstraint(
      'information_resource_divisions_wellformed',
      sql`array_to_string(divisions, ',') ~ '^([0-9]{6}(,[0-9]{6})*)?$'`,
    )
    // The owning system must be operated by the owning agency.
    .addForeignKeyConstraint(
      'information_resource_owner_operates_app',
      ['owner_app', 'owner_agency'],
      'agency_system',
      ['app', 'agency_code'],
    )
    // Target of the requests' and grants' (resource, sharing) foreign keys.
    .addUniqueConstraint('information_resource_id_sharing', ['id', 'sharing'])
    .execute();
  await db.schema
    .createIndex('information_resource_owner_agency')
    .on('information_resource')
    .column('owner_agency')
    .execute();

  await db.schema
    .createTable('access_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('consumer_app', 'text', (c) => c.notNull())
    .addColumn('consumer_agency', 'text', (c) => c.notNull())
    .addColumn('procedures', sql`text[]`, (c) => c.notNull().check(sql`cardinality(procedures) >= 1`))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`length(purpose) between 10 and 500`))
    .addColumn('until', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addCheckConstraint('access_request_status_known', sql`status in ('pending', 'granted', 'refused')`)
    .addCheckConstraint(
      'access_request_until_within_a_year',
      sql`until > requested_at and until <= requested_at + interval '1 year'`,
    )
    .addCheckConstraint(
      'access_request_decided',
      sql`(status = 'pending') = (decided_at is null) and (status = 'pending') = (decided_by is null)`,
    )
    .addCheckConstraint(
      'access_request_never_for_not_shared',
      sql`sharing <> 'not-shared' or status <> 'pending'`,
    )
    .addForeignKeyConstraint(
      'access_request_resource_sharing',
      ['resource_id', 'sharing'],
      'information_resource',
      ['id', 'sharing'],
      (fk) => fk.onUpdate('cascade'),
    )
    .addForeignKeyConstraint(
      'access_request_consumer_operates_app',
      ['consumer_app', 'consumer_agency'],
      'agency_system',
      ['app', 'agency_code'],
    )
    // Target of the grant's foreign key: a grant is for what its request asked.
    .addUniqueConstraint('access_request_id_resource_consumer', ['id', 'resource_id', 'consumer_app'])
    .execute();
  // One open request per resource and consumer system: a second one waits for the owner's decision.
  await db.schema
    .createIndex('access_request_one_pending')
    .on('access_request')
    .columns(['resource_id', 'consumer_app'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('exchange_grant')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('sharing', 'text', (c) => c.notNull())
    .addColumn('consumer_app', 'text', (c) => c.notNull())
    .addColumn('consumer_agency', 'text', (c) => c.notNull())
    .addColumn('procedures', sql`text[]`, (c) => c.notNull().check(sql`cardinality(procedures) >= 1`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addColumn('revoked_reason', 'text')
    .addCheckConstraint(
      'exchange_grant_expiry_within_a_year',
      sql`expires_at > granted_at and expires_at <= granted_at + interval '1 year'`,
    )
    .addCheckConstraint(
      'exchange_grant_revocation_complete',
      sql`(revoked_at is null) = (revoked_by is null) and (revoked_at is null) = (revoked_reason is null)`,
    )
    // The rule the whole exchange rests on: nothing that is not shared is ever granted.
    .addCheckConstraint(
      'exchange_grant_never_for_not_shared',
      sql`sharing <> 'not-shared' or revoked_at is not null`,
    )
    .addForeignKeyConstraint(
      'exchange_grant_resource_sharing',
      ['resource_id', 'sharing'],
      'information_resource',
      ['id', 'sharing'],
      (fk) => fk.onUpdate('cascade'),
    )
    .addForeignKeyConstraint(
      'exchange_grant_of_request',
      ['request_id', 'resource_id', 'consumer_app'],
      'access_request',
      ['id', 'resource_id', 'consumer_app'],
    )
    .addForeignKeyConstraint(
      'exchange_grant_consumer_operates_app',
      ['consumer_app', 'consumer_agency'],
      'agency_system',
      ['app', 'agency_code'],
    )
    .execute();
  await db.schema.createIndex('exchange_grant_resource').on('exchange_grant').column('resource_id').execute();
  await db.schema
    .createIndex('exchange_grant_consumer_app')
    .on('exchange_grant')
    .column('consumer_app')
    .execute();

  const schema = schemaOf(db);
  const s = (name: string) => sql.id(schema, name);
  /*
   * Before a resource becomes not-shared, its active grants are revoked and
   * its pending requests refused, whoever makes the change (the API does the
   * same first, naming the official; this catches every other write). It runs
   * before the row changes, so the cascade that follows finds nothing active.
   */
  await sql`
    create function ${s('resource_unshared')}() returns trigger language plpgsql as $$
    begin
      execute format(
        'update %I.exchange_grant set revoked_at = now(), revoked_by = ''platform'',
           revoked_reason = ''the resource is no longer shared''
         where resource_id = $1 and revoked_at is null', tg_table_schema) using old.id;
      execute format(
        'update %I.access_request set status = ''refused'', decided_at = now(), decided_by = ''platform'',
           decision_reason = ''the resource is not shared''
         where resource_id = $1 and status = ''pending''', tg_table_schema) using old.id;
      return new;
    end $$`.execute(db);
  await sql`create trigger ${sql.id('information_resource_unshared')}
    before update of sharing on ${s('information_resource')}
    for each row when (new.sharing = 'not-shared' and old.sharing <> 'not-shared')
    execute function ${s('resource_unshared')}()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const schema = schemaOf(db);
  for (const table of ['exchange_grant', 'access_request', 'information_resource', 'agency_system']) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function ${sql.id(schema, 'resource_unshared')}()`.execute(db);
}
