import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@egov/kernel/db';
import { workspaceApps } from '@egov/kernel/manifest';
import { freshDatabaseUrl } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { anatomyIssues } from '../architecture/anatomy.ts';
import { launchEmbedded } from '../embedded/launch.ts';
import { generateApp, newManifest, nextPortOffset } from './app.ts';
import { syncManifests } from './deploy.ts';

const repo = findRepoRoot(import.meta.dirname);
const bin = (name: string) => join(repo, 'node_modules', '.bin', name);

/**
 * A workspace beside the real one: its own `apps/` (the real apps linked in,
 * the new one written there by the generator), a copy of `infra/` (which the
 * generator writes into) and everything else linked from the repository. The
 * new app's node_modules link what pnpm would (the same packages as
 * golden-shield's), so no file of the repository is touched.
 */
function scratchWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'egov-gen-'));
  for (const name of [
    'pnpm-workspace.yaml',
    'package.json',
    'biome.json',
    'node_modules',
    'packages',
    'tooling',
  ])
    symlinkSync(join(repo, name), join(root, name));
  cpSync(join(repo, 'infra'), join(root, 'infra'), { recursive: true });
  mkdirSync(join(root, 'apps'));
  for (const app of readdirSync(join(repo, 'apps')))
    symlinkSync(join(repo, 'apps', app), join(root, 'apps', app));
  return root;
}

function linkDependencies(appDir: string): void {
  const from = join(repo, 'apps', 'golden-shield', 'node_modules');
  const to = join(appDir, 'node_modules');
  for (const entry of readdirSync(from).filter((e) => !e.startsWith('.'))) {
    const scoped = entry.startsWith('@');
    for (const name of scoped ? readdirSync(join(from, entry)) : [entry]) {
      const rel = scoped ? join(entry, name) : name;
      mkdirSync(join(to, scoped ? entry : ''), { recursive: true });
      symlinkSync(realpathSync(join(from, rel)), join(to, rel));
    }
  }
}

describe('egov new app', () => {
  const root = scratchWorkspace();
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-gen-data-'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  const name = 'golden-water';
  const dir = join(root, 'apps', name);

  it('writes a complete app inside its own folder, and its entries in the deployment files', async () => {
    const offset = await nextPortOffset(root);
    const existing = (await workspaceApps(root)).map((a) => a.manifest).filter((m) => m.name !== 'platform');
    const app = {
      name,
      titleZh: '金水工程',
      titleEn: 'Golden Water',
      zone: 'internal' as const,
      agency: { code: 'mwr', name: 'Ministry of Water Resources' },
      portOffset: offset,
    };
    const written = generateApp(root, app);
    expect(written.every((f) => f.startsWith(`apps/${name}/`))).toBe(true);
    expect(written).toEqual(
      expect.arrayContaining([
        `apps/${name}/package.json`,
        `apps/${name}/README.md`,
        `apps/${name}/src/manifest.ts`,
        `apps/${name}/src/notices/notice.router.ts`,
        `apps/${name}/src/notices/notice.service.ts`,
        `apps/${name}/src/notices/notice.rules.ts`,
        `apps/${name}/src/notices/notice.table.ts`,
        `apps/${name}/src/notices/notice.test.ts`,
        `apps/${name}/src/seed.ts`,
      ]),
    );
    expect(readFileSync(join(dir, 'src', 'manifest.ts'), 'utf8')).toContain(`portOffset: ${offset},`);
    expect(() => generateApp(root, { ...validApp(), name })).toThrow(/exists already/);
    expect(() => generateApp(root, { ...validApp(), name: 'Golden Water' })).toThrow(/kebab-case/);
    linkDependencies(dir);

    // The deployment files, as `egov new app` writes them: the social-security pattern, this app's facts.
    const deployed = syncManifests(root, [...existing, newManifest(app)], [name]);
    expect(deployed.sort()).toEqual([
      'infra/compose/compose.yaml',
      'infra/compose/example.env',
      'infra/compose/postgres/init-databases.sh',
      'infra/compose/prometheus/prometheus.yml',
      `infra/k8s/values/${name}.yaml`,
    ]);
    const text = (file: string) => readFileSync(join(root, file), 'utf8');
    const compose = parse(text('infra/compose/compose.yaml'), { merge: true });
    const port = 4100 + offset;
    const pattern = JSON.parse(
      JSON.stringify(compose.services['social-security'])
        .replaceAll('social-security', name)
        .replaceAll('social_security', 'golden_water')
        .replaceAll('SOCIAL_SECURITY', 'GOLDEN_WATER')
        .replaceAll('4105', String(port)),
    );
    // Social security calls golden-shield and golden-finance; the new app calls nothing yet.
    for (const callee of ['golden-shield', 'golden-finance']) delete pattern.depends_on[callee];
    expect(compose.services[name]).toEqual(pattern);
    expect(compose.volumes[`${name}-keys`]).toEqual({});
    expect(compose.services.postgres.environment.GOLDEN_WATER_DB_PASSWORD).toMatch(
      /GOLDEN_WATER_DB_PASSWORD/,
    );
    expect(text('infra/compose/postgres/init-databases.sh')).toContain(
      'create_app_database golden_water egov_golden_water "$GOLDEN_WATER_DB_PASSWORD"\n',
    );
    expect(text('infra/compose/example.env')).toMatch(/^GOLDEN_WATER_DB_PASSWORD=$/m);
    expect(
      parse(text('infra/compose/prometheus/prometheus.yml')).scrape_configs[0].static_configs[0].targets,
    ).toContain(`${name}:${port}`);
    expect(parse(text(`infra/k8s/values/${name}.yaml`)).app).toEqual({
      name,
      zone: 'internal',
      port,
      calls: [],
    });
    // Once is enough: a second run writes nothing.
    expect(syncManifests(root, [...existing, newManifest(app)], [name])).toEqual([]);
  });

  it('follows the anatomy the architecture test checks (and the check sees a file that does not)', () => {
    expect(anatomyIssues(root, name)).toEqual([]);
    writeFileSync(join(dir, 'src', 'notices', 'helpers.ts'), 'export const x = 1;\n');
    expect(anatomyIssues(root, name).map((i) => i.file)).toEqual([`apps/${name}/src/notices/helpers.ts`]);
    rmSync(join(dir, 'src', 'notices', 'helpers.ts'));
  });

  it('passes lint, typecheck and its own tests at once', () => {
    const run = (cmd: string, args: string[], cwd: string) => {
      try {
        return execFileSync(cmd, args, {
          cwd,
          env: { ...process.env, NO_COLOR: '1' },
          encoding: 'utf8',
          stdio: 'pipe',
        });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
      }
    };
    run(bin('biome'), ['lint', '--error-on-warnings', 'src'], dir);
    run(bin('tsc'), ['--noEmit', '-p', '.'], dir);
    const out = run(bin('vitest'), ['run', '--root', dir], dir);
    // Every test ran and passed: "Tests  16 passed (16)".
    expect(out).toMatch(/Tests\s+(\d+) passed \(\1\)/);
  });

  it('is started, registered and its roles seeded by egov start with no edit outside its folder', async () => {
    const database = await freshDatabaseUrl();
    const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
    const launched = await launchEmbedded({ basePort: 0, seed: true, env, root, only: [name] });
    try {
      const [platform, water] = launched.apps;
      expect(launched.apps.map((a) => a.app.name)).toEqual(['platform', name]);
      expect(await platform!.network.registry.resolve(name)).toMatchObject({
        name,
        baseUrl: water!.serving.url,
      });
      expect((await fetch(`${water!.serving.url}/readyz`)).status).toBe(200);
      const roles = await sql<{
        name: string;
        permissions: string[];
      }>`select name, permissions from platform.role
        where name like ${`${name}-%`} order by name`.execute(platform!.app.database.db);
      expect(roles.rows).toEqual([
        { name: `${name}-editor`, permissions: [`${name}.notice.publish`, `${name}.notice.read`] },
        { name: `${name}-reader`, permissions: [`${name}.notice.read`] },
      ]);
      const system = await sql<{ agency_code: string }>`select agency_code from platform.agency_system
        where app = ${name}`.execute(platform!.app.database.db);
      expect(system.rows).toEqual([{ agency_code: 'mwr' }]);
      const notices = await sql<{ n: number }>`select count(*)::int as n from golden_water.notice`.execute(
        water!.app.database.db,
      );
      expect(notices.rows[0]?.n).toBe(2);
    } finally {
      await launched.stop();
      await database.drop();
    }
    expect(existsSync(join(repo, 'apps', name))).toBe(false);
  });
});

function validApp() {
  return {
    name: 'golden-water',
    titleZh: '金水工程',
    titleEn: 'Golden Water',
    zone: 'internal' as const,
    agency: { code: 'mwr', name: 'Ministry of Water Resources' },
    portOffset: 99,
  };
}
