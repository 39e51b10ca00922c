import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Zone } from '@egov/kernel/identity';
import { type AppManifest, startOrder, workspaceApps } from '@egov/kernel/manifest';
import { parse, parseDocument } from 'yaml';

/** What the deployment files say of an agency app: the same four facts the infra tests check. */
export interface DeploymentTarget {
  name: string;
  zone: Zone;
  /** 4100 + the manifest's port offset (the platform is 4100). */
  port: number;
  /** The agency apps it calls synchronously, in the manifest's order (the platform not counted). */
  calls: string[];
}

/** The deployment facts of a manifest, as `egov start` and the infra tests derive them. */
export function deploymentTarget(manifest: AppManifest<string>, basePort = 4100): DeploymentTarget {
  return {
    name: manifest.name,
    zone: manifest.zone,
    port: basePort + manifest.portOffset,
    calls: Object.keys(manifest.calls ?? {}).filter((c) => c !== 'platform' && c !== manifest.name),
  };
}

const schemaOf = (name: string) => name.replaceAll('-', '_');
const passwordVar = (name: string) => `${schemaOf(name).toUpperCase()}_DB_PASSWORD`;

/** The compose service of an app, in the pattern of every agency app (`x-app`, `x-app-env`, `app-health`). */
export function composeService(app: DeploymentTarget): string {
  const v = passwordVar(app.name);
  const schema = schemaOf(app.name);
  const deps = ['postgres', 'nats', 'platform', ...app.calls];
  return [
    `  ${app.name}:`,
    '    <<: *app',
    '    profiles: [agencies]',
    `    command: [apps/${app.name}/src/main.ts]`,
    '    environment:',
    '      <<: *app-env',
    `      PORT: "${app.port}"`,
    `      EGOV_ADVERTISE_URL: http://${app.name}:${app.port}`,
    `      DATABASE_URL: postgres://egov_${schema}:\${${v}:?set ${v} in infra/compose/.env}@postgres:5432/${schema}`,
    '    volumes:',
    `      - ${app.name}-keys:/data`,
    '    ports:',
    `      - \${EGOV_BIND_ADDRESS:-127.0.0.1}:${app.port}:${app.port}`,
    `    networks: [zone-${app.zone}, data, events]`,
    '    depends_on:',
    ...deps.map((d) => `      ${d}: { condition: service_healthy }`),
    '    healthcheck:',
    '      <<: *app-health',
    '      test:',
    '        [',
    '          CMD,',
    '          node,',
    '          -e,',
    `          "fetch('http://127.0.0.1:${app.port}/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))",`,
    '        ]',
  ].join('\n');
}

/** `infra/k8s/values/<app>.yaml`, in the pattern of social-security's. */
export function helmValues(app: DeploymentTarget): string {
  return `# helm upgrade --install ${app.name} infra/k8s/charts/egov-app -f infra/k8s/values/${app.name}.yaml
# The app's manifest (zone, calls) is checked against apps/*/src/app.ts and the launcher's call graph by
# tooling/scripts/src/infra/helm.test.ts.
app:
  name: ${app.name}
  zone: ${app.zone}
  port: ${app.port}
  calls: [${app.calls.join(', ')}]
secrets:
  serviceKey: ${app.name}-service-key
  env: []
database:
  backup:
    destinationPath: s3://egov-backups/${app.name}
    credentialsSecret: egov-backup-s3
    retentionPolicy: 30d
    schedule: "0 0 2 * * *"
  instances: 3
  storageSize: 20Gi
  synchronous:
    method: any
    number: 1
`;
}

interface ComposeService {
  command?: string[];
  ports?: string[];
  networks?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
  healthcheck?: { test?: unknown };
}
interface Services {
  services: Record<string, ComposeService>;
}

/** The line range [start, end) of a top-level mapping's entry `key` under `section` (two-space indent). */
function entryRange(lines: string[], section: string, key: string): [number, number] | undefined {
  const top = lines.indexOf(`${section}:`);
  if (top < 0) throw new Error(`no "${section}:" section`);
  let start = -1;
  for (let i = top + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\S/.test(line)) break;
    if (line === `  ${key}:` || line.startsWith(`  ${key}: `)) {
      start = i;
      break;
    }
  }
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || /^ {3,}/.test(lines[end]!))) end++;
  // Blank lines between entries stay outside the entry.
  while (end > start + 1 && lines[end - 1] === '') end--;
  return [start, end];
}

/** The index after the last line of `section`'s entries (before the blank lines that close it). */
function sectionEnd(lines: string[], section: string): number {
  const top = lines.indexOf(`${section}:`);
  if (top < 0) throw new Error(`no "${section}:" section`);
  let end = top + 1;
  while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end]!))) end++;
  while (lines[end - 1] === '') end--;
  return end;
}

/**
 * Adds (or brings up to date) an app's service, its database password variable in the PostgreSQL
 * service and its key volume in `compose.yaml`. A service that already says what the template says,
 * however it is written, is left as it is. Returns the new text.
 */
export function withComposeApp(text: string, app: DeploymentTarget): string {
  const lines = text.split('\n');
  const block = composeService(app);
  const range = entryRange(lines, 'services', app.name);
  if (range) {
    // An existing service keeps what its app added (an extra variable, a volume): only what the
    // manifest decides is compared, and its calls (depends_on) and zone (networks) brought up to date.
    const stub = 'x-app: &app {}\nx-app-env: &app-env {}\nx-h: &app-health {}\nservices:\n';
    const current = (parse(stub + lines.slice(range[0], range[1]).join('\n'), { merge: true }) as Services)
      .services[app.name]!;
    const wanted = (parse(stub + block, { merge: true }) as Services).services[app.name]!;
    const env = ['PORT', 'EGOV_ADVERTISE_URL', 'DATABASE_URL'] as const;
    const fixed = (s: ComposeService) => ({
      command: s.command,
      ports: s.ports,
      env: env.map((k) => s.environment?.[k]),
      health: s.healthcheck?.test,
    });
    if (!isDeepStrictEqual(fixed(current), fixed(wanted)))
      throw new Error(
        `infra/compose/compose.yaml: the ${app.name} service's command, port, database or health check differ from its manifest; fix them by hand`,
      );
    if (!isDeepStrictEqual(current.depends_on, wanted.depends_on)) {
      const at = lines.indexOf('    depends_on:', range[0]);
      let end = at + 1;
      while (/^ {6}\S/.test(lines[end] ?? '')) end++;
      const deps = block
        .split('\n')
        .filter((l) => /^ {6}[a-z0-9-]+: \{ condition: service_healthy \}$/.test(l));
      lines.splice(at + 1, end - at - 1, ...deps);
    }
    if (!isDeepStrictEqual(current.networks, wanted.networks)) {
      const at = lines.findIndex((l, i) => i >= range[0] && l.startsWith('    networks: '));
      lines[at] = block.split('\n').find((l) => l.startsWith('    networks: '))!;
    }
  } else {
    // After the last agency app (before the observability services), else at the end of the services.
    const doc = parse(text, { merge: true }) as { services: Record<string, { profiles?: string[] }> };
    const agencies = Object.entries(doc.services).filter(([, s]) => s.profiles?.includes('agencies'));
    const last = agencies.at(-1)?.[0];
    const at = last ? entryRange(lines, 'services', last)![1] : sectionEnd(lines, 'services');
    lines.splice(at, 0, '', ...block.split('\n'));
  }
  // The PostgreSQL service passes every app's password to the init script.
  const v = passwordVar(app.name);
  if (!lines.some((l) => l.trimStart().startsWith(`${v}:`))) {
    const pg = entryRange(lines, 'services', 'postgres');
    if (!pg) throw new Error('compose.yaml has no postgres service');
    let last = -1;
    for (let i = pg[0]; i < pg[1]; i++) if (/^ {6}[A-Z_]+_DB_PASSWORD:/.test(lines[i]!)) last = i;
    if (last < 0) throw new Error('the postgres service passes no *_DB_PASSWORD');
    lines.splice(last + 1, 0, `      ${v}: \${${v}:?set ${v} in infra/compose/.env}`);
  }
  if (!entryRange(lines, 'volumes', `${app.name}-keys`)) {
    const at = sectionEnd(lines, 'volumes');
    lines.splice(at, 0, `  ${app.name}-keys: {}`);
  }
  const result = lines.join('\n');
  parse(result, { merge: true }); // still valid YAML, or this throws
  return result;
}

/** Adds `create_app_database <schema> egov_<schema> "$<APP>_DB_PASSWORD"` after the last such line. */
export function withInitDatabase(text: string, app: DeploymentTarget): string {
  const schema = schemaOf(app.name);
  const line = `create_app_database ${schema} egov_${schema} "$${passwordVar(app.name)}"`;
  const lines = text.split('\n');
  if (lines.includes(line)) return text;
  const last = lines.findLastIndex((l) => l.startsWith('create_app_database '));
  if (last < 0) throw new Error('init-databases.sh calls create_app_database nowhere');
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

/**
 * The example env file's password lines in start order (the platform first), as the compose test
 * requires: the block of `*_DB_PASSWORD=` lines is rewritten from `order`, other lines kept.
 */
export function withExampleEnv(text: string, order: string[]): string {
  const lines = text.split('\n');
  const isPassword = (l: string) => /^[A-Z_]+_DB_PASSWORD=/.test(l);
  const first = lines.findIndex(isPassword);
  if (first < 0) throw new Error('example.env holds no *_DB_PASSWORD line');
  const values = new Map(
    lines.filter(isPassword).map((l) => [l.split('=')[0]!, l.slice(l.indexOf('=') + 1)]),
  );
  const block = ['platform', ...order].map((n) => `${passwordVar(n)}=${values.get(passwordVar(n)) ?? ''}`);
  const rest = lines.filter((l) => !isPassword(l));
  rest.splice(first, 0, ...block);
  return rest.join('\n');
}

/** Adds `<app>:<port>` to the egov-apps scrape job's targets. */
export function withPrometheusTarget(text: string, app: DeploymentTarget): string {
  const target = `${app.name}:${app.port}`;
  const lines = text.split('\n');
  if (lines.some((l) => l.trim() === `- ${target}`)) return text;
  const last = lines.findLastIndex((l) => /^\s+- [a-z0-9-]+:\d+$/.test(l));
  if (last < 0) throw new Error('prometheus.yml lists no app target');
  const indent = /^(\s+)/.exec(lines[last]!)![1];
  lines.splice(last + 1, 0, `${indent}- ${target}`);
  const result = lines.join('\n');
  const config = parse(result) as { scrape_configs: { static_configs: { targets: string[] }[] }[] };
  if (!config.scrape_configs.some((j) => j.static_configs.some((s) => s.targets.includes(target))))
    throw new Error(`prometheus.yml: ${target} did not land in a scrape job`);
  return result;
}

/** The app's Helm values: written when absent; an existing file only has its `app:` facts brought up to date. */
export function withHelmValues(text: string | undefined, app: DeploymentTarget): string {
  if (text === undefined) return helmValues(app);
  const doc = parseDocument(text);
  const current = doc.toJS() as { app?: DeploymentTarget };
  const wanted = { name: app.name, zone: app.zone, port: app.port, calls: app.calls };
  if (isDeepStrictEqual(current.app, wanted)) return text;
  for (const [k, v] of Object.entries(wanted)) doc.setIn(['app', k], v);
  return doc.toString();
}

/**
 * Writes an app's entries into the deployment files of `root` from its manifest, idempotently:
 * the compose service (with its password variable and key volume), its line in the PostgreSQL
 * init script, its password in `example.env` (in `order`, the workspace's start order), its
 * Prometheus target and `infra/k8s/values/<app>.yaml`. Returns the files changed, relative to root.
 */
export function writeDeployment(root: string, app: DeploymentTarget, order: string[]): string[] {
  const files: [string, (text: string | undefined) => string][] = [
    ['infra/compose/compose.yaml', (t) => withComposeApp(t!, app)],
    ['infra/compose/postgres/init-databases.sh', (t) => withInitDatabase(t!, app)],
    ['infra/compose/example.env', (t) => withExampleEnv(t!, order)],
    ['infra/compose/prometheus/prometheus.yml', (t) => withPrometheusTarget(t!, app)],
    [`infra/k8s/values/${app.name}.yaml`, (t) => withHelmValues(t, app)],
  ];
  const changed: string[] = [];
  for (const [file, update] of files) {
    const path = join(root, file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    const after = update(before);
    if (after !== before) {
      writeFileSync(path, after);
      changed.push(file);
    }
  }
  return changed;
}

/**
 * Writes (or brings up to date) the deployment entries of the workspace's agency apps from their
 * manifests: every app, or the ones named. Run after a manifest's `calls` change (`egov infra sync`).
 */
export async function syncDeployment(root: string, only: string[] = []): Promise<string[]> {
  const apps = (await workspaceApps(root)).map((a) => a.manifest).filter((m) => m.name !== 'platform');
  return syncManifests(root, apps, only);
}

/** `syncDeployment` from manifests already in hand (the generator's new app cannot be imported before `pnpm install`). */
export function syncManifests(root: string, manifests: AppManifest<string>[], only: string[] = []): string[] {
  const ordered = startOrder(manifests.map((manifest) => ({ manifest }))).map((a) => a.manifest);
  const order = ordered.map((m) => m.name);
  for (const name of only)
    if (!order.includes(name)) throw new Error(`no app named "${name}"; the apps are: ${order.join(', ')}`);
  const changed = new Set<string>();
  for (const manifest of ordered)
    if (only.length === 0 || only.includes(manifest.name))
      for (const file of writeDeployment(root, deploymentTarget(manifest), order)) changed.add(file);
  return [...changed];
}
