import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@egov/kernel/db';
import { workspaceApps } from '@egov/kernel/manifest';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { syncManifests } from './deploy.ts';

const repo = findRepoRoot(import.meta.dirname);
const files = [
  'infra/compose/compose.yaml',
  'infra/compose/postgres/init-databases.sh',
  'infra/compose/example.env',
  'infra/compose/prometheus/prometheus.yml',
  'infra/k8s/values/social-security.yaml',
];

/** A copy of the repository's infra folder, to write into. */
function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'egov-deploy-'));
  cpSync(join(repo, 'infra'), join(root, 'infra'), { recursive: true });
  return root;
}
const read = (root: string, file: string) => readFileSync(join(root, file), 'utf8');
/**
 * What a file means: YAML parsed (anchors merged; maps compare in any order, Prometheus targets
 * sorted), other files as their set of non-blank lines.
 */
const meaning = (root: string, file: string) =>
  /\.ya?ml$/.test(file)
    ? JSON.parse(JSON.stringify(parse(read(root, file), { merge: true })), (key, value) =>
        key === 'targets' ? [...value].sort() : value,
      )
    : read(root, file)
        .split('\n')
        .filter((l) => l.trim())
        .sort();

describe('the deployment files written from the manifests', async () => {
  const manifests = (await workspaceApps(repo)).map((a) => a.manifest).filter((m) => m.name !== 'platform');
  const roots: string[] = [];
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('say of every existing app what the hand-written files say (syncing the repository changes nothing)', () => {
    const root = scratch();
    roots.push(root);
    expect(syncManifests(root, manifests)).toEqual([]);
  });

  it('write social-security back, meaning what was there, after its entries are removed; a second run writes nothing', () => {
    const root = scratch();
    roots.push(root);
    const compose = read(root, files[0]!).split('\n');
    const start = compose.indexOf('  social-security:');
    const end = compose.indexOf('', start);
    compose.splice(start, end - start + 1);
    writeFileSync(
      join(root, files[0]!),
      compose.filter((l) => !/social-security-keys|SOCIAL_SECURITY_DB_PASSWORD/.test(l)).join('\n'),
    );
    for (const file of files.slice(1, 4))
      writeFileSync(
        join(root, file),
        read(root, file)
          .split('\n')
          .filter((l) => !/social[-_]security|SOCIAL_SECURITY/.test(l))
          .join('\n'),
      );
    rmSync(join(root, files[4]!));
    for (const file of files)
      if (file !== files[4]) expect(meaning(root, file)).not.toEqual(meaning(repo, file));

    expect(syncManifests(root, manifests, ['social-security']).sort()).toEqual([...files].sort());
    for (const file of files) expect(meaning(root, file), file).toEqual(meaning(repo, file));
    const once = files.map((f) => read(root, f));
    expect(syncManifests(root, manifests, ['social-security'])).toEqual([]);
    expect(files.map((f) => read(root, f))).toEqual(once);
  });

  it('brings a service up to date when the manifest gains a call, and refuses an unknown app', () => {
    const root = scratch();
    roots.push(root);
    const shield = manifests.find((m) => m.name === 'golden-shield')!;
    const calling = { ...shield, calls: { 'golden-finance': ['golden-finance.ledger.read'] } };
    const others = manifests.filter((m) => m.name !== 'golden-shield');
    expect(syncManifests(root, [...others, calling], ['golden-shield']).sort()).toEqual([
      'infra/compose/compose.yaml',
      'infra/compose/example.env',
      'infra/k8s/values/golden-shield.yaml',
    ]);
    const compose = parse(read(root, files[0]!), { merge: true });
    expect(Object.keys(compose.services['golden-shield'].depends_on)).toEqual([
      'postgres',
      'nats',
      'platform',
      'golden-finance',
    ]);
    expect(parse(read(root, 'infra/k8s/values/golden-shield.yaml')).app.calls).toEqual(['golden-finance']);
    // golden-shield now starts after golden-finance, and the example env says so.
    const env = read(root, files[2]!);
    expect(env.indexOf('GOLDEN_FINANCE_DB_PASSWORD')).toBeLessThan(env.indexOf('GOLDEN_SHIELD_DB_PASSWORD'));
    expect(() => syncManifests(root, manifests, ['golden-nothing'])).toThrow(/no app named "golden-nothing"/);
  });
});
