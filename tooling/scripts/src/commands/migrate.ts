import { migrationsFor } from '@egov/kernel/app';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { platformApp } from '@egov/platform/provisioning';
import { embeddedApps } from '../embedded/apps.ts';

/** `egov migrate`: brings every app's schema to its latest migration, then exits. */
export async function migrate(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const definition of [platformApp, ...embeddedApps.map((a) => a.definition)]) {
    const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(definition.name), env));
    try {
      const applied = await database.migrate(migrationsFor(definition, database.schema));
      console.log(`${definition.name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } finally {
      await database.close();
    }
  }
}
