import { type Kysely, sql } from 'kysely';
import { appRoleFor, type DatabaseConfig } from './config.ts';
import { acquireEngine, releaseEngine } from './engine.ts';
import { type Migrations, migrateToLatest, pendingMigrations } from './migrations.ts';

/** One app's view of the database: its own schema, its own migrations. */
export interface AppDatabase<DB> {
  /**
   * Kysely scoped to the app's schema: unqualified tables resolve there. On
   * PostgreSQL its queries run as the app's role (`<schema>_app`), which may
   * not change the audit log.
   */
  readonly db: Kysely<DB>;
  /**
   * The schema owner's connection: migrations, retention, and tests that
   * tamper on purpose. The same as `db` when the app role is turned off.
   */
  readonly owner: Kysely<DB>;
  /**
   * A small pool of its own (as the app role) for the few writes that must commit while a request's
   * transaction holds a connection of the main pool: a cross-agency step is recorded here before its
   * first call. Each use is one statement that waits for nothing else, so it cannot deadlock the pools.
   */
  readonly side: Kysely<DB>;
  readonly schema: string;
  /** The role `db` runs as, or undefined when it runs as the connecting user. */
  readonly role: string | undefined;
  migrate(migrations: Migrations): Promise<string[]>;
  pending(migrations: Migrations): Promise<string[]>;
  /** A trivial round trip, for readiness checks. */
  ping(): Promise<void>;
  /** Drops the schema and everything in it, and its app role (tests only). */
  dropSchema(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Creates the app role if it is missing and makes the connecting user a
 * member (to `SET ROLE` to it). Two apps starting at once may race to create
 * it; the loser's error is the winner's success. A role a DBA created
 * beforehand is used as it is: then the owner needs no CREATEROLE, only
 * membership.
 */
async function ensureRole(owner: Kysely<any>, role: string): Promise<void> {
  await sql
    .raw(`do $$ begin
      if not exists (select 1 from pg_roles where rolname = '${role}') then
        create role ${role} nologin;
      end if;
    exception when duplicate_object or unique_violation then null;
    end $$`)
    .execute(owner);
  // The owner runs the app's pool as this role (SET ROLE), which needs membership. A superuser has it.
  // An owner with CREATEROLE does not get it by creating the role: on PostgreSQL 15 it grants itself
  // membership; from 16 on, creating gives it ADMIN only, so it grants itself the SET option.
  await sql
    .raw(`do $$ begin
      if current_setting('server_version_num')::int >= 160000 then
        if not pg_has_role(current_user, '${role}', 'SET') then
          execute format('grant %I to %I with set true', '${role}', current_user);
        end if;
      elsif not pg_has_role(current_user, '${role}', 'member') then
        execute format('grant %I to %I', '${role}', current_user);
      end if;
    end $$`)
    .execute(owner);
}

/**
 * Opens an app's schema on PostgreSQL, creating it and its app role.
 *
 * @example
 * const database = await createDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, schema: 'golden_shield' });
 * await database.migrate(migrations);
 * await database.db.selectFrom('resident').selectAll().execute();
 */
export async function createDatabase<DB>(config: DatabaseConfig): Promise<AppDatabase<DB>> {
  const { schema } = config;
  const role = appRoleFor(schema);
  const root = await acquireEngine(config);
  await sql`create schema if not exists ${sql.id(schema)}`.execute(root);
  // Migrations grant the role its data access; the app's pool runs as it.
  await ensureRole(root, role);
  const runAs = config.appRole !== false ? role : undefined;
  const appRoot = runAs ? await acquireEngine({ ...config, role: runAs }) : root;
  const owner = root.withSchema(schema) as Kysely<DB>;
  const db = appRoot.withSchema(schema) as Kysely<DB>;
  // pg opens connections on first use: an app that never records a step never opens one.
  const sideRoot = await acquireEngine({
    ...config,
    pool: `${config.pool ?? 'shared'}+side`,
    poolSize: 3,
    ...(runAs ? { role: runAs } : {}),
  });
  const side = sideRoot.withSchema(schema) as Kysely<DB>;
  let closed = false;
  return {
    db,
    owner,
    side,
    schema,
    role: runAs,
    migrate: (migrations) => migrateToLatest(root.withSchema(schema), schema, migrations),
    pending: (migrations) => pendingMigrations(root.withSchema(schema), schema, migrations),
    ping: async () => {
      await sql`select 1`.execute(appRoot);
    },
    dropSchema: async () => {
      // An app's background work (audit signer, relay, steps) may still hold a lock in the
      // schema: PostgreSQL then breaks the cycle by failing one side (40P01); try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(root);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== '40P01' || attempt === 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
        }
      }
      // Roles belong to the cluster: another database may still use this one, and then it stays.
      await sql`drop role if exists ${sql.id(role)}`.execute(root).catch(() => undefined);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await releaseEngine(sideRoot);
      if (appRoot !== root) await releaseEngine(appRoot);
      await releaseEngine(root);
    },
  };
}
