import { type Kysely, sql } from 'kysely';
import { appRoleFor } from '../db/config.ts';
import type { Migrations } from '../db/migrations.ts';
import { backfillAuditNodes } from './nodes.ts';

/**
 * The audit log's first four tables: append-only by trigger, and by grants to the app role on
 * PostgreSQL. Frozen with the migrations that use it; `audit_node`, added later, sets up its own.
 */
export const AUDIT_TABLES = ['audit_record', 'audit_leaf', 'audit_tree_head', 'audit_prune'] as const;

/**
 * The audit tables every app carries in its own schema. The trigger makes
 * them append-only for everyone, the app's own connection included: no
 * UPDATE, no TRUNCATE, and DELETE only through the retention path for records
 * older than six months (by the database's own clock).
 */
export function auditMigrations(schema: string): Migrations {
  const s = (name: string) => sql.id(schema, name);
  return {
    '20261126T0800_kernel_audit': {
      up: async (db: Kysely<any>) => {
        await db.schema
          .createTable('audit_record')
          .addColumn('seq', 'bigserial', (c) => c.primaryKey())
          .addColumn('at', 'timestamptz', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('actor_agency', 'text')
          .addColumn('subject', 'text')
          .addColumn('service', 'text', (c) => c.notNull())
          .addColumn('procedure', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('object_ids', 'jsonb', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('source_address', 'text')
          .addColumn('trace_id', 'text', (c) => c.notNull())
          .addColumn('request_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_record_at').on('audit_record').column('at').execute();
        await db.schema
          .createTable('audit_leaf')
          .addColumn('leaf_index', 'bigint', (c) => c.primaryKey())
          .addColumn('record_seq', 'bigint', (c) => c.notNull().unique())
          .addColumn('leaf_hash', 'bytea', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_tree_head')
          .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
          .addColumn('root_hash', 'bytea', (c) => c.notNull())
          .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('signature', 'text', (c) => c.notNull())
          .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
          .addColumn('compact_range', 'jsonb', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_prune')
          .addColumn('id', 'bigserial', (c) => c.primaryKey())
          .addColumn('before', 'timestamptz', (c) => c.notNull())
          .addColumn('before_leaf', 'bigint', (c) => c.notNull())
          .addColumn('archive_sha256', 'text', (c) => c.notNull())
          .addColumn('at', 'timestamptz', (c) => c.notNull())
          .execute();
        await sql`
          create or replace function ${s('audit_append_only')}() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE' and tg_table_name = 'audit_record' then
              if current_setting('egov.audit_retention', true) = 'on' then
                if old.at < now() - interval '6 months' then
                  return old;
                end if;
              end if;
            end if;
            raise exception 'audit % is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
          end $$`.execute(db);
        for (const table of AUDIT_TABLES) {
          await sql`create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${s(table)}
            for each row execute function ${s('audit_append_only')}()`.execute(db);
          await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${s(table)}
            for each statement execute function ${s('audit_append_only')}()`.execute(db);
        }
      },
    },
    // The roots of the tree's perfect subtrees (level 1 and up; level 0 is audit_leaf), written by the
    // sequencer as leaves complete them, so a proof reads O(log² n) rows instead of every leaf.
    '20261127T1000_kernel_audit_nodes': {
      up: async (db: Kysely<any>) => {
        await db.schema
          .createTable('audit_node')
          .addColumn('level', 'smallint', (c) => c.notNull())
          .addColumn('node_index', 'bigint', (c) => c.notNull())
          .addColumn('hash', 'bytea', (c) => c.notNull())
          .addPrimaryKeyConstraint('audit_node_pk', ['level', 'node_index'])
          .execute();
        await sql`create trigger audit_node_append_only before update or delete on ${s('audit_node')}
          for each row execute function ${s('audit_append_only')}()`.execute(db);
        await sql`create trigger audit_node_no_truncate before truncate on ${s('audit_node')}
          for each statement execute function ${s('audit_append_only')}()`.execute(db);
        // Created after the app role's grants: its default privileges gave the role every change; take them back.
        await sql`revoke update, delete, truncate on ${s('audit_node')} from ${sql.id(appRoleFor(schema))}`.execute(
          db,
        );
        await backfillAuditNodes(db);
      },
    },
    // The client's own request id, validated, beside the server's (issue 12 item 6); null for older records.
    '20261203T1900_kernel_audit_correlation': {
      up: async (db: Kysely<any>) => {
        await db.schema.alterTable('audit_record').addColumn('correlation_id', 'text').execute();
      },
    },
  };
}
