import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { goldenShield } from '@egov/golden-shield';
import { createDatabase, findRepoRoot, startEmbeddedServer } from '@egov/kernel/db';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { embeddedApps } from '../embedded/apps.ts';
import { interpolate } from './compose-env.ts';
import { appCalls, deployedApps } from './manifest.ts';

/*
 * infra/compose/compose.yaml checked without Docker: parsed with `yaml` (merge keys as compose reads
 * them), interpolated as compose does, then every service's image, ports, networks, health check,
 * dependencies and variables checked against the apps' manifests; NATS's config file parsed by the
 * real nats-server, and the PostgreSQL init script run against a real PostgreSQL.
 */
const execFileAsync = promisify(execFile);
const root = findRepoRoot();
const dir = join(root, 'infra', 'compose');
const raw = parse(readFileSync(join(dir, 'compose.yaml'), 'utf8'), { merge: true }) as Compose;

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  networks?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
  read_only?: boolean;
  user?: string;
  cap_drop?: string[];
  privileged?: boolean;
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean }>;
  volumes: Record<string, unknown>;
}

// Every app's database password (from the apps the workspace holds), the server's and the secrets key.
const required = [
  'POSTGRES_PASSWORD',
  ...deployedApps.map(({ name }) => `${name.replaceAll('-', '_').toUpperCase()}_DB_PASSWORD`),
  'EGOV_SECRETS_KEY',
];
const fullEnv = Object.fromEntries(
  required.map((v) => [v, v === 'EGOV_SECRETS_KEY' ? 'ab'.repeat(32) : `pw${v.length}x`]),
);
const { value: compose, errors } = interpolate(raw, fullEnv);

const apps = deployedApps;
const envVar = (app: string) => `${app.replaceAll('-', '_').toUpperCase()}_DB_PASSWORD`;

describe('infra/compose/compose.yaml', () => {
  it('interpolates with every required variable set, and names each one missing with its message', () => {
    expect(errors).toEqual([]);
    const { variables } = interpolate(raw, {});
    for (const v of required) expect(variables).toContain(v);
    // Every `${VAR:?...}` in the file is one of these, and each is reported when unset, or empty.
    for (const missing of required) {
      const { errors: found } = interpolate(raw, { ...fullEnv, [missing]: '' });
      expect(found.length, missing).toBeGreaterThan(0);
      expect(new Set(found.map((e) => e.variable))).toEqual(new Set([missing]));
      expect(found[0]!.message).toMatch(
        new RegExp(
          `^required variable ${missing} is missing a value: set ${missing}\\b.*infra/compose/\\.env$`,
        ),
      );
    }
    // The example env file names exactly the required variables.
    const example = readFileSync(join(dir, 'example.env'), 'utf8');
    expect(
      example
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => l.split('=')[0]),
    ).toEqual(required);
  });

  it('has the three profiles, each service in one, and every app of the repository', () => {
    const profiles = new Set(Object.values(compose.services).flatMap((s) => s.profiles ?? []));
    expect([...profiles].sort()).toEqual(['agencies', 'core', 'observability']);
    for (const [name, s] of Object.entries(compose.services)) expect(s.profiles, name).toHaveLength(1);
    for (const app of apps) expect(compose.services[app.name], app.name).toBeDefined();
    expect(compose.services.platform!.profiles).toEqual(['core']);
    for (const app of embeddedApps)
      expect(compose.services[app.definition.name]!.profiles).toEqual(['agencies']);
  });

  it('pins every third-party image to a version, and builds the apps from the repository', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.image, name).toMatch(/^[a-z0-9./-]+:[A-Za-z0-9._-]+$/);
      expect(s.image, name).not.toMatch(/:latest$/);
    }
    for (const app of apps) {
      const s = compose.services[app.name]!;
      expect(s.image).toBe('egov/apps:dev');
      expect(s.build).toEqual({ context: '../..', dockerfile: 'infra/docker/Dockerfile' });
      expect(s.command).toEqual([`apps/${app.name}/src/main.ts`]);
      expect(readFileSync(join(root, 'apps', app.name, 'src', 'main.ts'), 'utf8')).toBeTruthy();
    }
  });

  it('gives every service a health check, and each app one on its own /readyz', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      expect(s.healthcheck, name).toBeDefined();
      expect(s.healthcheck!.test[0], name).toMatch(/^CMD(-SHELL)?$/);
      for (const key of ['interval', 'timeout', 'retries', 'start_period'] as const)
        expect(s.healthcheck![key], `${name} ${key}`).toBeDefined();
    }
    for (const app of apps) {
      const s = compose.services[app.name]!;
      expect(s.environment!.PORT).toBe(String(app.port));
      expect(s.healthcheck!.test.join(' ')).toContain(`fetch('http://127.0.0.1:${app.port}/readyz')`);
    }
  });

  it('starts each app after what it needs is healthy: PostgreSQL, NATS, the platform and the apps it calls', () => {
    for (const app of apps) {
      const deps = compose.services[app.name]!.depends_on!;
      const expected = [
        'postgres',
        'nats',
        ...(app.name === 'platform' ? [] : ['platform']),
        ...appCalls(app.name),
      ];
      expect(Object.keys(deps).sort(), app.name).toEqual([...new Set(expected)].sort());
      for (const [dep, d] of Object.entries(deps))
        expect(d.condition, `${app.name} -> ${dep}`).toBe('service_healthy');
    }
  });

  it('keeps PostgreSQL and NATS on internal networks only, with nothing published; apps on their zone network', () => {
    expect(compose.networks.data!.internal).toBe(true);
    expect(compose.networks.events!.internal).toBe(true);
    expect(compose.networks['zone-internal']!.internal).toBeUndefined();
    expect(compose.networks['zone-external']!.internal).toBeUndefined();
    expect(compose.services.postgres!.networks).toEqual(['data']);
    expect(compose.services.nats!.networks).toEqual(['events']);
    expect(compose.services.postgres!.ports).toBeUndefined();
    expect(compose.services.nats!.ports).toBeUndefined();
    for (const app of apps) {
      const s = compose.services[app.name]!;
      expect(s.networks, app.name).toEqual([`zone-${app.zone}`, 'data', 'events']);
      // No app sits in two zones; none is reachable from outside the host unless EGOV_BIND_ADDRESS says so.
      expect(s.networks!.filter((n) => n.startsWith('zone-'))).toHaveLength(1);
      expect(s.ports).toEqual([`127.0.0.1:${app.port}:${app.port}`]);
    }
    for (const [name, s] of Object.entries(compose.services))
      for (const n of s.networks ?? []) expect(compose.networks[n], `${name}: ${n}`).toBeDefined();
  });

  it('runs the apps as a non-root user on a read-only root filesystem with no capabilities', () => {
    for (const app of apps) {
      const s = compose.services[app.name]!;
      expect(s.read_only).toBe(true);
      expect(s.user).toBe('node');
      expect(s.cap_drop).toEqual(['ALL']);
      expect(s.privileged).toBeUndefined();
      expect(s.volumes).toEqual([`${app.name}-keys:/data`]);
    }
    for (const [name, s] of Object.entries(compose.services)) expect(s.privileged, name).toBeUndefined();
  });

  it('points each app at a database of its own, with its own role and password, and at NATS and the platform', () => {
    const postgresEnv = compose.services.postgres!.environment!;
    for (const app of apps) {
      const env = compose.services[app.name]!.environment!;
      const schema = app.name.replaceAll('-', '_');
      expect(env.DATABASE_URL).toBe(
        `postgres://egov_${schema}:${fullEnv[envVar(app.name)]}@postgres:5432/${schema}`,
      );
      expect(postgresEnv[envVar(app.name)]).toBe(fullEnv[envVar(app.name)]);
      expect(env.NATS_URL).toBe('nats://nats:4222');
      expect(env.EGOV_PLATFORM_URL).toBe('http://platform:4100');
      expect(env.EGOV_ADVERTISE_URL).toBe(`http://${app.name}:${app.port}`);
      expect(env.HOST).toBe('0.0.0.0');
    }
    expect(compose.services.platform!.environment!.EGOV_SECRETS_KEY).toBe(fullEnv.EGOV_SECRETS_KEY);
  });

  it('configures JetStream with sync_interval: always, in a file the real nats-server accepts', async () => {
    const conf = readFileSync(join(dir, 'nats', 'nats.conf'), 'utf8');
    expect(conf).toMatch(/jetstream\s*\{[^}]*\bsync_interval:\s*always\b[^}]*\}/);
    expect(compose.services.nats!.command).toEqual(['--config', '/etc/nats/nats.conf']);
    // sync_interval exists from NATS 2.10; the image is newer.
    const [, major, minor] = /^nats:(\d+)\.(\d+)\./.exec(compose.services.nats!.image!)!.map(Number);
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(210);
    const version = await execFileAsync('nats-server', ['--version']).then(
      (r) => /v(\d+)\.(\d+)/.exec(r.stdout)!.slice(1).map(Number),
      () => null,
    );
    if (!version) {
      if (process.env.CI === 'true') throw new Error('nats-server is not on the PATH');
      return;
    }
    // An older local server (Debian's 2.9) checks everything but the one option it does not know yet.
    const local = version[0]! * 100 + version[1]! >= 210 ? conf : conf.replace(/^\s*sync_interval:.*$/m, '');
    const tmp = mkdtempSync(join(tmpdir(), 'egov-nats-conf-'));
    try {
      writeFileSync(join(tmp, 'nats.conf'), local.replace('/data/jetstream', join(tmp, 'js')));
      const checked = await execFileAsync('nats-server', ['-c', join(tmp, 'nats.conf'), '-t']);
      expect(`${checked.stdout}${checked.stderr}`).toMatch(
        /configuration file .* (is valid|test is successful)/,
      );
      // A misspelt option is refused by the same check, so the check means something.
      writeFileSync(join(tmp, 'bad.conf'), local.replace('store_dir:', 'store_dri:'));
      await expect(execFileAsync('nats-server', ['-c', join(tmp, 'bad.conf'), '-t'])).rejects.toThrow(
        /unknown field "store_dri"/,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  describe('the PostgreSQL init script, run against a real PostgreSQL 17', () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'egov-compose-pg-'));
    chmodSync(dataRoot, 0o755);
    afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

    it('makes a database and an owner role per app; each app migrates its own and reaches no other', async () => {
      const server = await startEmbeddedServer({ dataDir: join(dataRoot, 'postgres'), port: 0 });
      try {
        const url = new URL(server.url);
        await execFileAsync('sh', [join(dir, 'postgres', 'init-databases.sh')], {
          env: {
            PATH: `/usr/lib/postgresql/15/bin:${process.env.PATH}`,
            PGHOST: '127.0.0.1',
            PGPORT: url.port,
            PGPASSWORD: decodeURIComponent(url.password),
            POSTGRES_USER: 'postgres',
            ...fullEnv,
          },
        });
        const appUrl = (app: string, database = app.replaceAll('-', '_')) =>
          `postgres://egov_${app.replaceAll('-', '_')}:${fullEnv[envVar(app)]}@127.0.0.1:${url.port}/${database}`;
        // golden-shield runs its migrations as the owner and its queries as its own app role (ADR 5).
        const shield = await createDatabase<any>({
          kind: 'postgres',
          url: appUrl('golden-shield'),
          schema: 'golden_shield',
        });
        try {
          await shield.migrate(goldenShield.migrations);
        } finally {
          await shield.close();
        }
        const other = createDatabase<any>({
          kind: 'postgres',
          url: appUrl('golden-shield', 'golden_tax'),
          schema: 'golden_shield',
        });
        await expect(other).rejects.toThrow(/permission denied for database "golden_tax"/);
      } finally {
        await server.stop();
      }
    }, 120_000);
  });
});
