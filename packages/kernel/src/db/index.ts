export {
  type DatabaseConfig,
  databaseConfigFromEnv,
  dataRoot,
  findRepoRoot,
  schemaNameFor,
  appRoleFor,
} from './config.ts';
export { type AppDatabase, createDatabase } from './database.ts';
export { assertMigrationNames, type Migrations, migrateToLatest, pendingMigrations } from './migrations.ts';
export type { Kysely, Transaction } from 'kysely';
export { sql } from 'kysely';
export { inTransaction } from './in-transaction.ts';
export { appRoleMigrations } from './app-role-migrations.ts';
export {
  DEFAULT_EMBEDDED_PORT,
  type EmbeddedServer,
  type EmbeddedServerOptions,
  embeddedServerStatus,
  processAlive,
  startEmbeddedServer,
} from './embedded-server.ts';
export {
  type BigintColumn,
  type DateColumn,
  type FenColumn,
  type InstantColumn,
  isoDate,
  sumFen,
  toFen,
  toSafeInteger,
} from './columns.ts';
