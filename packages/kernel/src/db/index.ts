export {
  type DatabaseConfig,
  databaseConfigFromEnv,
  dataRoot,
  defaultDataDir,
  findRepoRoot,
  IN_MEMORY,
  schemaNameFor,
  appRoleFor,
} from './config.ts';
export { type AppDatabase, createDatabase } from './database.ts';
export { assertMigrationNames, type Migrations, migrateToLatest, pendingMigrations } from './migrations.ts';
export type { Kysely, Transaction } from 'kysely';
export { sql } from 'kysely';
export { inTransaction } from './in-transaction.ts';
export { appRoleMigrations } from './app-role-migrations.ts';
