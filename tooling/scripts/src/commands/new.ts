import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findRepoRoot } from '@egov/kernel/db';
import type { Zone } from '@egov/kernel/identity';
import { workspaceApps } from '@egov/kernel/manifest';
import { generateApp, newManifest, nextPortOffset } from '../generate/app.ts';
import { syncManifests } from '../generate/deploy.ts';

const usage =
  'usage: egov new app <name> --title-zh TEXT --title-en TEXT --zone internal|external|public --agency CODE --agency-name TEXT [--skip-install]';

/**
 * `egov new app <name> ...`: writes `apps/<name>` from the templates, then
 * links it into the workspace (`pnpm install`, which adds it to the lockfile).
 */
export async function newApp(args: string[], root = findRepoRoot(import.meta.dirname)): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'title-zh': { type: 'string' },
      'title-en': { type: 'string' },
      zone: { type: 'string', default: 'internal' },
      agency: { type: 'string' },
      'agency-name': { type: 'string' },
      'skip-install': { type: 'boolean', default: false },
    },
  });
  const [kind, name] = positionals;
  if (kind !== 'app' || !name || !values['title-zh'] || !values['title-en'] || !values.agency)
    throw new Error(usage);
  const existing = (await workspaceApps(root)).map((a) => a.manifest);
  const app = {
    name,
    titleZh: values['title-zh'],
    titleEn: values['title-en'],
    zone: values.zone as Zone,
    agency: { code: values.agency, name: values['agency-name'] ?? values.agency },
    portOffset: await nextPortOffset(root),
  };
  const written = generateApp(root, app);
  for (const file of written) console.log(`  wrote ${file}`);
  // The deployment files name the app too (compose, PostgreSQL init, env, Prometheus, Helm values).
  const manifests = [...existing.filter((m) => m.name !== 'platform'), newManifest(app)];
  for (const file of syncManifests(root, manifests, [name])) console.log(`  wrote ${file}`);
  if (!values['skip-install']) {
    // pnpm links the new package's dependencies; the lockfile gains its entry.
    // The workspace's own pnpm (a root devDependency), whatever launched this command: under `npx`,
    // npm_execpath names npm, which does not understand the workspace's `catalog:` versions.
    const local = join(root, 'node_modules', '.bin', 'pnpm');
    const pnpm = existsSync(local) ? [local] : ['npx', '--yes', 'pnpm@10.34.9'];
    const run = spawnSync(pnpm[0]!, [...pnpm.slice(1), 'install', '--prefer-offline'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (run.status !== 0) return run.status ?? 1;
  }
  console.log(
    `\napps/${name} is ready: pnpm --filter @egov/${name} test, then pnpm egov start --app ${name}`,
  );
  return 0;
}
