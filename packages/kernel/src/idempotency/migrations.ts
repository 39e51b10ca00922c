import type { Kysely } from 'kysely';
import type { Migrations } from '../db/migrations.ts';

/** The results of keyed mutations, kept 24 hours so a repeated key gets the first result back. */
export const idempotencyMigrations: Migrations = {
  '20261126T1000_kernel_idempotency': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('idempotency_key')
        .addColumn('caller', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('procedure', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response', 'jsonb')
        .addColumn('created_at', 'timestamptz', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_key_pk', ['caller', 'key'])
        .execute();
      await db.schema
        .createIndex('idempotency_key_created')
        .on('idempotency_key')
        .column('created_at')
        .execute();
    },
  },
};

export interface IdempotencyKeyTable {
  caller: string;
  key: string;
  procedure: string;
  request_hash: string;
  response: unknown;
  created_at: Date;
}
