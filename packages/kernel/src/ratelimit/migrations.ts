import type { Kysely } from 'kysely';
import type { Migrations } from '../db/migrations.ts';

/** Calls counted per bucket (`src:<ip>`, `acct:<principal>`...) and fixed window, shared by every process of the app. */
export const rateLimitMigrations: Migrations = {
  '20261201T0900_kernel_rate_limit': {
    up: async (db: Kysely<any>) => {
      await db.schema
        .createTable('rate_limit_hit')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('window_start', 'timestamptz', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_hit_pk', ['bucket', 'window_start'])
        .execute();
      await db.schema
        .createIndex('rate_limit_hit_window')
        .on('rate_limit_hit')
        .column('window_start')
        .execute();
    },
  },
};

export interface RateLimitHitTable {
  bucket: string;
  window_start: Date;
  hits: number;
}
