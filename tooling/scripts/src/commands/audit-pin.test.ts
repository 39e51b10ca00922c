import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFor } from '@egov/kernel/app';
import {
  type AuditEntry,
  type AuditSigner,
  type AuditSnapshot,
  AUDIT_TABLES,
  appendAudit,
  auditMigrations,
  canonicalBytes,
  entryFromRow,
  integrate,
  loadSnapshot,
  signTreeHead,
  writeArchive,
} from '@egov/kernel/audit';
import { type AppDatabase, appRoleMigrations, createDatabase, databaseConfigFromEnv } from '@egov/kernel/db';
import { generateSigningKey } from '@egov/kernel/identity';
import { databaseTargets, dropFresh, freshDatabase, freshDatabaseUrl } from '@egov/kernel/testing';
import { enrolService, platformApp } from '@egov/platform/provisioning';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audit } from './audit.ts';

/*
 * Issue 12, item 11: an archive forged by someone who changed a record, recomputed the leaves and
 * roots and re-signed everything with a key of their own (embedded in the file) must not verify.
 * The verifier pins the key from a source it trusts (the platform's enrolled key, a key file, a tree
 * head an auditor kept) and refuses an archive whose key it cannot pin.
 */

const SERVICE = 'golden-customs';
const signerOf = async (): Promise<AuditSigner> => {
  const key = await generateSigningKey(`service:${SERVICE}`);
  return { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };
};
const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 20, 8, 0, i)),
  actor: `official:officer-${i}`,
  actorAgency: 'customs',
  subject: null,
  service: SERVICE,
  procedure: 'declarations.submit',
  kind: 'mutation',
  objectIds: [`declaration:${i}`],
  outcome: 'ok',
  errorCode: null,
  sourceAddress: '10.1.2.3',
  traceId: 'ab'.repeat(16),
  requestId: `request-${i}`,
});

const sha256 = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
/** RFC 6962 2.1 MTH over leaf hashes, as a forger with the documentation would write it. */
const root = (leaves: Buffer[]): Buffer => {
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Uint8Array.of(1), root(leaves.slice(0, k)), root(leaves.slice(k)));
};

/** Changes the record of `leafIndex`, recomputes every leaf and root, re-signs every head and the digest with `key`. */
async function forge(snapshot: AuditSnapshot, leafIndex: number, key: AuditSigner): Promise<string> {
  const seq = snapshot.leaves.find((l) => l.leafIndex === leafIndex)!.recordSeq;
  const records = snapshot.records.map((r) =>
    r.seq === seq ? { ...r, row: { ...r.row, actor: 'official:someone-else' } } : r,
  );
  const bySeq = new Map(records.map((r) => [r.seq, r.row]));
  const leaves = snapshot.leaves.map((l) => ({
    ...l,
    leafHash: sha256(Uint8Array.of(0), canonicalBytes(entryFromRow(bySeq.get(l.recordSeq)!))),
  }));
  const hashes = leaves.map((l) => l.leafHash);
  const heads = await Promise.all(
    snapshot.heads.map(async ({ head }) => ({
      head: await signTreeHead(key, {
        service: head.service,
        treeSize: head.treeSize,
        rootHash: root(hashes.slice(0, head.treeSize)).toString('hex'),
        issuedAt: head.issuedAt,
      }),
      publicJwk: key.publicJwk,
    })),
  );
  return writeArchive({ ...snapshot, records, leaves, heads }, key, new Date());
}

/**
 * Where the verifier runs: beside the platform's database (a database of this file's own on the test
 * server, since the platform's schema has a fixed name), or with none to read an enrolled key from:
 * no DATABASE_URL at all (a fresh machine, the case archives exist for), or one that answers nothing.
 */
const noDatabase = (dir: string): NodeJS.ProcessEnv[] => [
  { EGOV_DATA_DIR: dir, EGOV_LOG_LEVEL: 'silent' },
  {
    EGOV_DATA_DIR: dir,
    EGOV_LOG_LEVEL: 'silent',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/no_such_database',
  },
];

describe.each(databaseTargets())('egov audit verify --archive pins the key (on $name)', (target) => {
  const dir = mkdtempSync(join(tmpdir(), 'egov-audit-pin-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'egov-audit-pin-empty-'));
  const file = (name: string) => join(dir, name);
  const output: string[] = [];
  let log: AppDatabase<any>;
  let platformDatabase: Awaited<ReturnType<typeof freshDatabaseUrl>>;
  let genuine: string;
  let snapshot: AuditSnapshot;
  let signer: AuditSigner;
  const reachable = (): NodeJS.ProcessEnv => ({
    EGOV_DATA_DIR: dir,
    EGOV_LOG_LEVEL: 'silent',
    DATABASE_URL: platformDatabase.url,
  });
  const unreachable = () => noDatabase(emptyDir)[1]!;

  const run = async (args: string[], env: NodeJS.ProcessEnv) => {
    output.length = 0;
    const code = await audit(['verify', ...args], env);
    return { code, text: output.join('\n') };
  };

  beforeAll(async () => {
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      output.push(line);
    });
    signer = await signerOf();
    log = await freshDatabase(target, 'golden_customs');
    await log.migrate({ ...auditMigrations(log.schema), ...appRoleMigrations(log.schema, AUDIT_TABLES) });
    for (let i = 0; i < 12; i++) {
      await appendAudit(log.db, entry(i));
      if (i % 4 === 3) await integrate(log.db, { service: SERVICE, signer });
    }
    snapshot = await loadSnapshot(log.db, SERVICE);
    genuine = await writeArchive(snapshot, signer, new Date());
    writeFileSync(file('genuine.jsonl'), genuine);
    writeFileSync(file('forged.jsonl'), await forge(snapshot, 5, await signerOf()));
    writeFileSync(file('customs.jwk'), JSON.stringify(signer.publicJwk));
    const kept = snapshot.heads[1]!;
    writeFileSync(file('kept-head.json'), JSON.stringify({ ...kept.head, publicJwk: kept.publicJwk }));
    // The platform the verifier trusts has enrolled the app's real key.
    platformDatabase = await freshDatabaseUrl();
    const platform = await createDatabase<any>(databaseConfigFromEnv('platform', reachable()));
    await platform.migrate(migrationsFor(platformApp, platform.schema));
    await enrolService(platform.db, {
      name: SERVICE,
      zone: 'internal',
      publicJwk: signer.publicJwk,
      permissions: [],
    });
    await platform.close();
    // The same log in the app's own schema beside the platform, for `verify --app` from the database.
    const appLog = await createDatabase<any>(databaseConfigFromEnv('golden_customs', reachable()));
    await appLog.migrate({
      ...auditMigrations(appLog.schema),
      ...appRoleMigrations(appLog.schema, AUDIT_TABLES),
    });
    for (let i = 0; i < 6; i++) await appendAudit(appLog.db, entry(i));
    await integrate(appLog.db, { service: SERVICE, signer });
    await appLog.close();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await dropFresh(log);
    await platformDatabase.drop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('accepts the genuine archive under the key the platform enrolled, a key file, or a kept tree head', async () => {
    expect(await run(['--archive', file('genuine.jsonl'), '--app', SERVICE], reachable())).toMatchObject({
      code: 0,
    });
    expect(await run(['--archive', file('genuine.jsonl')], reachable())).toMatchObject({ code: 0 });
    const byKey = await run(
      ['--archive', file('genuine.jsonl'), '--key', file('customs.jwk')],
      unreachable(),
    );
    expect(byKey).toMatchObject({ code: 0 });
    expect(byKey.text).toMatch(/ok, 12 records/);
    const byHead = await run(
      ['--archive', file('genuine.jsonl'), '--head', file('kept-head.json')],
      unreachable(),
    );
    expect(byHead).toMatchObject({ code: 0 });
  });

  it("takes the key from saved services.publicKeys output, picking the archive's service", async () => {
    const other = (await signerOf()).publicJwk;
    const published = [
      { name: 'golden-tax', keyId: 'service:golden-tax', publicJwk: other },
      { name: SERVICE, keyId: `service:${SERVICE}`, publicJwk: signer.publicJwk },
    ];
    writeFileSync(file('published.json'), JSON.stringify({ result: { data: published } }));
    const args = ['--key', file('published.json')];
    expect(await run(['--archive', file('genuine.jsonl'), ...args], unreachable())).toMatchObject({
      code: 0,
    });
    expect(await run(['--archive', file('forged.jsonl'), ...args], unreachable())).toMatchObject({
      code: 1,
    });
    writeFileSync(file('other.json'), JSON.stringify([published[0]]));
    const none = await run(['--archive', file('genuine.jsonl'), '--key', file('other.json')], unreachable());
    expect(none.code).toBe(2);
    expect(none.text).toContain(`holds no Ed25519 public key for ${SERVICE}`);
  });

  it('refuses the forged archive against the platform-enrolled key', async () => {
    for (const args of [['--app', SERVICE], []]) {
      const r = await run(['--archive', file('forged.jsonl'), ...args], reachable());
      expect(r.code).toBe(1);
      expect(r.text).toMatch(/BROKEN/);
      expect(r.text).toMatch(/not signed by the pinned key/);
      expect(r.text).not.toMatch(/\(none\)/);
    }
  });

  it('refuses to verify any archive when no platform database is reachable and no key is given', async () => {
    for (const env of noDatabase(emptyDir))
      for (const archive of ['forged.jsonl', 'genuine.jsonl']) {
        for (const args of [['--app', SERVICE], []]) {
          const r = await run(['--archive', file(archive), ...args], env);
          expect(r.code, `${archive} ${args.join(' ')} ${env.DATABASE_URL ?? 'no DATABASE_URL'}`).toBe(2);
          expect(r.text).toMatch(/cannot pin the key of golden-customs/);
          expect(r.text).toMatch(/--key FILE|--head FILE/);
          expect(r.text).not.toMatch(/: ok/);
        }
      }
  });

  it('refuses the forged archive against a key file or a tree head an auditor kept', async () => {
    const byKey = await run(['--archive', file('forged.jsonl'), '--key', file('customs.jwk')], unreachable());
    expect(byKey.code).toBe(1);
    expect(byKey.text).toMatch(/not signed by the pinned key/);
    const byHead = await run(
      ['--archive', file('forged.jsonl'), '--head', file('kept-head.json')],
      unreachable(),
    );
    expect(byHead.code).toBe(1);
    // The kept head of size 8 commits to leaves 0..7: the forged leaf 5 changes its root.
    expect(byHead.text).toMatch(/root at size 8 does not match/);
  });

  it("verifies an app's log in its database against the enrolled key only, and refuses an app with none", async () => {
    const ok = await run(['--app', SERVICE], reachable());
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.text).toContain(`${SERVICE}: ok, 6 records`);
    writeFileSync(file('stranger.jwk'), JSON.stringify((await signerOf()).publicJwk));
    const stranger = await run(['--app', SERVICE, '--key', file('stranger.jwk')], reachable());
    expect(stranger.code).toBe(1);
    expect(stranger.text).toMatch(/not signed by the pinned key/);
    const none = await run(['--app', 'golden-nowhere'], reachable());
    expect(none.code).toBe(2);
    expect(none.text).toContain(
      'golden-nowhere: REFUSED: cannot pin the key of golden-nowhere: the platform has no key enrolled for golden-nowhere',
    );
  });

  it('checks the log in the database against a tree head an auditor kept', async () => {
    // The database log holds the first 6 of the archive's records: the kept head of size 4 covers them,
    // the kept head of size 8 says the log was cut below it.
    const [four, eight] = snapshot.heads;
    writeFileSync(file('head-4.json'), JSON.stringify({ ...four!.head, publicJwk: four!.publicJwk }));
    expect(await run(['--app', SERVICE, '--head', file('head-4.json')], reachable())).toMatchObject({
      code: 0,
    });
    writeFileSync(file('head-8.json'), JSON.stringify({ ...eight!.head, publicJwk: eight!.publicJwk }));
    const cut = await run(['--app', SERVICE, '--head', file('head-8.json')], reachable());
    expect(cut.code).toBe(1);
    expect(cut.text).toContain('BROKEN at index 6');
    expect(cut.text).toContain('tree head says 8 leaves, the log has 6');
  });

  it('names the leaf index of a one-byte change in a record', async () => {
    const line = genuine.split('\n').find((l) => l.includes('"request_id":"request-7"'))!;
    const seq = (JSON.parse(line) as { seq: number }).seq;
    const leaf = snapshot.leaves.find((l) => l.recordSeq === seq)!.leafIndex;
    const at = genuine.indexOf(line) + line.indexOf('officer-7') + 'officer-'.length;
    writeFileSync(file('flipped.jsonl'), `${genuine.slice(0, at)}9${genuine.slice(at + 1)}`);
    const r = await run(['--archive', file('flipped.jsonl'), '--key', file('customs.jwk')], unreachable());
    expect(r.code).toBe(1);
    expect(r.text).toContain(`BROKEN at index ${leaf}`);
    expect(r.text).toMatch(/does not match its digest/);
    expect(r.text).not.toMatch(/\(none\)/);
  });

  it('refuses a key file that is not a public key, naming the file', async () => {
    writeFileSync(file('bad.jwk'), '{"kty":"nope"}');
    const r = await run(['--archive', file('genuine.jsonl'), '--key', file('bad.jwk')], unreachable());
    expect(r.code).toBe(2);
    expect(r.text).toContain('bad.jwk');
  });
});
