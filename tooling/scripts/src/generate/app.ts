import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type AppManifest, workspaceApps } from '@egov/kernel/manifest';
import { checkNewApp, type NewApp, spellings } from './names.ts';

/** The templates of a new app: every file of `tooling/scripts/templates/app`, named and filled in. */
const templates = join(import.meta.dirname, '..', '..', 'templates', 'app');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.tpl')) yield path;
  }
}

/** The app's initials, upper case, for its notice numbers (`golden-water` → `GW`). */
function prefixOf(name: string): string {
  const parts = name.split('-');
  return (parts.length > 1 ? parts.map((p) => p[0]).join('') : name.slice(0, 2)).toUpperCase();
}

/**
 * The manifest the generator writes for `app`, as the deployment files need it (the new app cannot
 * be imported before `pnpm install` links it): name, zone, port offset, no calls yet.
 */
export function newManifest(app: NewApp): AppManifest<string> {
  return {
    name: app.name,
    zone: app.zone,
    title: { zh: app.titleZh, en: app.titleEn },
    agency: app.agency,
    portOffset: app.portOffset,
    permissions: {},
    roles: {},
    calls: {},
    events: { publishes: [], consumes: [] },
  };
}

/** The next free port offset after every app of the workspace. */
export async function nextPortOffset(root: string): Promise<number> {
  const apps = await workspaceApps(root);
  return Math.max(0, ...apps.map((a) => a.manifest.portOffset)) + 1;
}

/**
 * Writes a complete app into `<root>/apps/<name>`: manifest, app, router,
 * one example concept (router, service, rules, table, tests), migration,
 * seed, README, package.json, tsconfig and vitest config. Nothing outside the
 * folder is written; the launcher and the platform find it by its manifest.
 * Returns the files written, relative to `root`.
 *
 * @example
 * generateApp(root, { name: 'golden-water', titleZh: '金水工程', titleEn: 'Golden Water', zone: 'internal',
 *   agency: { code: 'mwr', name: 'Ministry of Water Resources' }, portOffset: 5 });
 */
export function generateApp(root: string, app: NewApp, now = new Date()): string[] {
  checkNewApp(app);
  const target = join(root, 'apps', app.name);
  if (existsSync(target)) throw new Error(`apps/${app.name} exists already`);
  const { camel, pascal, schema } = spellings(app.name);
  const values: Record<string, string> = {
    name: app.name,
    camel,
    Pascal: pascal,
    schema,
    titleZh: app.titleZh,
    titleEn: app.titleEn,
    zone: app.zone,
    agencyCode: app.agency.code,
    agencyName: app.agency.name,
    portOffset: String(app.portOffset),
    PREFIX: prefixOf(app.name),
    migrationId: now.toISOString().slice(0, 16).replace(/[-:]/g, ''),
  };
  const fill = (text: string) =>
    text.replace(/__([A-Za-z]+)__/g, (whole, key: string) => values[key] ?? whole);
  const written: string[] = [];
  for (const file of files(templates)) {
    const path = join(target, fill(relative(templates, file)).slice(0, -'.tpl'.length));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fill(readFileSync(file, 'utf8')));
    written.push(relative(root, path));
  }
  // Formatted as the workspace formats (line breaks depend on the name's length, so templates cannot be).
  execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['format', '--write', target], {
    cwd: root,
    stdio: 'pipe',
  });
  return written;
}
