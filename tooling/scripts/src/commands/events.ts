import { parseArgs } from 'node:util';
import { createDatabase, databaseConfigFromEnv, schemaNameFor } from '@egov/kernel/db';
import { listDeadLetters, replayDeadLetters } from '@egov/kernel/messaging';
import { platformApp } from '@egov/platform/provisioning';
import { embeddedApps } from '../embedded/apps.ts';

/**
 * `egov events dead-letters [--app NAME]` lists the events each app's inbox
 * gave up on, with the reason; `egov events replay [--app NAME] [--id ID ...]`
 * puts them back in the queue (all of an app's, or the ones named).
 */
export async function events(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { app: { type: 'string' }, id: { type: 'string', multiple: true } },
  });
  if (sub !== 'dead-letters' && sub !== 'replay') {
    throw new Error(
      'usage: egov events dead-letters [--app NAME] | egov events replay [--app NAME] [--id ID ...]',
    );
  }
  const apps = values.app ? [values.app] : [platformApp.name, ...embeddedApps.map((a) => a.definition.name)];
  for (const app of apps) {
    const database = await createDatabase<any>(databaseConfigFromEnv(schemaNameFor(app), env));
    try {
      if (sub === 'dead-letters') {
        const dead = await listDeadLetters(database.db, { limit: 1000 }).catch(() => []);
        console.log(`${app}: ${dead.length} dead letter${dead.length === 1 ? '' : 's'}`);
        for (const d of dead)
          console.log(`  ${d.eventId}  ${d.name}  attempts ${d.attempts}  ${d.lastError ?? ''}`);
      } else {
        const replayed = await replayDeadLetters(database.db, values.id ? { eventIds: values.id } : {});
        console.log(`${app}: ${replayed.length} event${replayed.length === 1 ? '' : 's'} queued again`);
      }
    } finally {
      await database.close();
    }
  }
  return 0;
}
