import { audit } from './commands/audit.ts';
import { db } from './commands/db.ts';
import { demo } from './commands/demo.ts';
import { drill } from './commands/drill.ts';
import { events } from './commands/events.ts';
import { infra } from './commands/infra.ts';
import { migrate } from './commands/migrate.ts';
import { newApp } from './commands/new.ts';
import { seed } from './commands/seed.ts';
import { services } from './commands/services.ts';
import { start } from './commands/start.ts';

const usage = `usage: pnpm egov <command>

  start [--app NAME ...] [--distributed]      run the platform and every app (or the named ones and the apps they call)
                                               on the embedded PostgreSQL (or DATABASE_URL), seed demo data once;
                                               --distributed: each app its own process and database, events over NATS_URL
  db start|stop|status                         the embedded PostgreSQL alone, for apps run on their own
  seed      migrate and load demo data (idempotent)
  migrate   bring every app's schema to its latest migration
  audit verify [--app NAME] [--archive FILE] [--key FILE]... [--head FILE]...
                                               recompute the audit Merkle trees against a pinned key (the platform's
                                               enrolled key, a key file, a kept tree head); exit 1 names the first
                                               broken leaf index, exit 2: no key could be pinned
  audit export --app NAME [--out FILE]         write a signed audit archive that verifies without a database
  events dead-letters [--app NAME]             list events an inbox gave up on, with the reason
  events replay [--app NAME] [--id ID ...]     queue dead letters again
  demo import-clearance                        run flow 1 (customs -> treasury -> tax) against a running egov start
  demo open-business                           run flow 2 (application -> credit code -> tax and social security)
  demo quality-enforcement                     run flow 5 (CCC goods held at customs; failed sample -> recall -> fine)
  demo aml                                     run flow 6 (suspicious report -> shield identity and case -> tax invoices)
  demo macro-data [--out DIR]                  run flow 7 (a month into the macroeconomic database, charts to DIR)
  services enrol APP --key FILE                as the system administrator, at a running platform (EGOV_PLATFORM_URL):
  services list | services revoke APP          enrol an app's public key, list the service identities, revoke one
  drill restore [--pg-bin DIR] [--keep]        base backup, point-in-time recovery to T on a throwaway cluster, audit verified; RTO and RPO
  new app NAME --title-zh T --title-en T --zone Z --agency CODE --agency-name T
                                               write a complete app into apps/NAME (manifest, example concept, tests)
                                               and its entries in the deployment files (compose, PostgreSQL, env, Prometheus, Helm)
  infra sync [APP ...]                         write the deployment entries of every app (or the named) from its manifest,
                                               e.g. after its calls changed; idempotent`;

const commands: Record<string, (args: string[]) => Promise<unknown>> = {
  start: (args) => start(args),
  db: (args) => db(args),
  seed: () => seed(),
  migrate: () => migrate(),
  audit: (args) => audit(args),
  events: (args) => events(args),
  demo: (args) => demo(args),
  services: (args) => services(args),
  drill: (args) => drill(args),
  new: (args) => newApp(args),
  infra: (args) => infra(args),
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(name ? `unknown command "${name}"\n\n${usage}` : usage);
  process.exit(2);
}
command(args)
  .then((code) => {
    if (typeof code === 'number') process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(`egov ${name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
