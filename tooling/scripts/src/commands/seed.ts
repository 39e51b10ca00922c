import { migrationsFor } from '@egov/kernel/app';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { createLogger } from '@egov/kernel/log';
import { platformApp } from '@egov/platform/provisioning';
import { embeddedApps } from '../embedded/apps.ts';

/** `egov seed`: migrates and loads demo data into every app; safe to repeat (seeds are idempotent). */
export async function seed(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const log = createLogger({ name: 'egov', level: env.EGOV_LOG_LEVEL ?? 'warn' });
  for (const definition of [platformApp, ...embeddedApps.map((a) => a.definition)]) {
    const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(definition.name), env));
    try {
      await database.migrate(migrationsFor(definition, database.schema));
      await definition.seed?.(database, log);
      console.log(`${definition.name}: seeded`);
    } finally {
      await database.close();
    }
  }
}
