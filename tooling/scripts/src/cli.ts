import { migrate } from './commands/migrate.ts';
import { seed } from './commands/seed.ts';
import { start } from './commands/start.ts';

const usage = `usage: pnpm egov <command>

  start     run every app on the embedded database (PGlite, or PostgreSQL with DATABASE_URL), seed demo data once
  seed      migrate and load demo data (idempotent)
  migrate   bring every app's schema to its latest migration`;

const commands: Record<string, () => Promise<void>> = { start, seed, migrate };

const [name] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(name ? `unknown command "${name}"\n\n${usage}` : usage);
  process.exit(2);
}
command().catch((error: unknown) => {
  console.error(`egov ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
