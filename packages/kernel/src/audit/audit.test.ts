import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyApp, createAgencyApp } from '../app/create.ts';
import { noteApp } from '../app/test-app.fixture.ts';
import { generateSigningKey } from '../identity/issuer.ts';
import {
  databaseTargets,
  dropFresh,
  freshDatabase,
  silentLogger,
  type TestIdentity,
  testIdentity,
} from '../testing/index.ts';
import { appendAudit, entryFromRow } from './append.ts';
import { verifyArchive, writeArchive } from './archive.ts';
import { verifyConsistency, verifyInclusion } from './merkle/index.ts';
import { loadSnapshot } from './snapshot.ts';
import { type AuditSigner, type TreeHead, verifyTreeHead } from './tree-head.ts';
import { verifySnapshot } from './verify.ts';

async function call(
  app: AgencyApp<any>,
  path: string,
  opts: { type?: 'query' | 'mutation'; input?: unknown; token?: string } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const q = opts.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(opts.input))}`;
  const res =
    (opts.type ?? 'query') === 'query'
      ? await app.hono.request(`/trpc/${path}${q}`, { headers })
      : await app.hono.request(`/trpc/${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(opts.input ?? null),
        });
  return { status: res.status, body: (await res.json()) as any };
}

describe.each(databaseTargets())('kernel audit on $name', (target) => {
  let app: AgencyApp<any>;
  let identity: TestIdentity;
  let signer: AuditSigner;
  let writer: string;
  let auditor: string;
  const records = () =>
    app.database.db
      .selectFrom('audit_record' as any)
      .selectAll()
      .orderBy('seq')
      .execute() as Promise<any[]>;
  const t = (name: string) => sql.table(`${app.database.schema}.${name}`);
  const notes = async () =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${t('note')}`.execute(app.database.db))
        .rows[0]!.n,
    );
  const verify = async () =>
    verifySnapshot(await loadSnapshot(app.database.db, 'kernel-test', [signer.publicJwk]));
  const tamper = async (statement: ReturnType<typeof sql>) => {
    await app.database.owner.transaction().execute(async (trx) => {
      await sql`alter table ${t('audit_record')} disable trigger user`.execute(trx);
      await statement.execute(trx);
      await sql`alter table ${t('audit_record')} enable trigger user`.execute(trx);
    });
  };

  beforeAll(async () => {
    identity = await testIdentity('kernel-test');
    const key = await generateSigningKey();
    signer = { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };
    app = await createAgencyApp(noteApp, {
      database: await freshDatabase(target, 'kernel_audit'),
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
      auditSigner: signer,
      auditIntervalMs: 60_000,
    });
    writer = await identity.officialToken({
      permissions: ['kernel-test.note.*'],
      agency: 'mps',
      username: 'writer',
    });
    auditor = await identity.officialToken({ permissions: ['kernel.audit.read'], username: 'auditor' });
  });
  afterAll(async () => {
    await dropFresh(app.database);
  });

  it('records a mutation with who, what, outcome and trace, in the same transaction', async () => {
    const res = await app.hono.request('/trpc/notes.add', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${writer}`,
        traceparent: `00-${'ab'.repeat(16)}-${'cd'.repeat(8)}-01`,
      },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(res.status).toBe(200);
    const last = (await records()).at(-1);
    expect(last).toMatchObject({
      actor: 'official:writer',
      actor_agency: 'mps',
      service: 'kernel-test',
      procedure: 'notes.add',
      kind: 'mutation',
      outcome: 'ok',
      trace_id: 'ab'.repeat(16),
    });
    expect(last.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('records a failed mutation, and rolls its effect back', async () => {
    const r = await call(app, 'notes.fail', { type: 'mutation', token: writer });
    expect(r.status).toBe(409);
    expect((await records()).at(-1)).toMatchObject({
      procedure: 'notes.fail',
      outcome: 'failed',
      error_code: 'CONFLICT',
    });
  });

  it('records authentication failures and authorization refusals', async () => {
    await call(app, 'notes.count', { token: 'garbage' });
    expect((await records()).at(-1)).toMatchObject({
      kind: 'authentication',
      outcome: 'refused',
      error_code: 'UNAUTHORIZED',
      actor: 'anonymous',
    });
    await call(app, 'notes.add', { type: 'mutation', input: { text: 'x' }, token: auditor });
    expect((await records()).at(-1)).toMatchObject({
      kind: 'authorization',
      outcome: 'refused',
      error_code: 'FORBIDDEN',
      procedure: 'notes.add',
    });
  });

  it('fails closed: when the audit write fails, the mutation is rolled back', async () => {
    const before = await notes();
    await sql`alter table ${t('audit_record')} add constraint refuse_notes check (procedure <> 'notes.add' or outcome <> 'ok') not valid`.execute(
      app.database.owner,
    );
    try {
      const r = await call(app, 'notes.add', { type: 'mutation', input: { text: 'never' }, token: writer });
      expect(r.status).toBe(500);
      expect(await notes()).toBe(before);
    } finally {
      await sql`alter table ${t('audit_record')} drop constraint refuse_notes`.execute(app.database.owner);
    }
  });

  it('stores control characters escaped', async () => {
    // Client text no longer reaches a record raw (the text policy refuses control characters in inputs, and
    // source addresses come from the socket), so the escaping is shown on an entry written as an app would.
    await app.hono.request('/trpc/notes.add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer}` },
      body: JSON.stringify({ text: 'x' }),
    });
    const written = entryFromRow((await records()).at(-1));
    await appendAudit(app.database.db, {
      ...written,
      objectIds: ['note:\u001b[31m'],
      errorCode: 'bad\r\nline',
    });
    expect((await records()).at(-1)).toMatchObject({ error_code: 'bad\\x0d\\x0aline' });
    expect(JSON.stringify((await records()).at(-1).object_ids)).toContain('note:\\\\x1b[31m');
  });

  it('refuses update, delete and truncate of audit records from the app connection and from the owner', async () => {
    // the app's connection: refused by grants (it runs as the app role)
    const refusal = app.database.role ? /permission denied/ : /append-only/;
    for (const db of [app.database.db, app.database.owner]) {
      const expected = db === app.database.db ? refusal : /append-only/;
      await expect(sql`update ${t('audit_record')} set actor = 'someone-else'`.execute(db)).rejects.toThrow(
        expected,
      );
      await expect(sql`delete from ${t('audit_record')}`.execute(db)).rejects.toThrow(expected);
      await expect(sql`truncate ${t('audit_record')}`.execute(db)).rejects.toThrow(expected);
    }
  });

  it('lets only the audit administrator query, with clear errors for bad filters', async () => {
    expect((await call(app, 'audit.records', { input: {}, token: writer })).status).toBe(403);
    const ok = await call(app, 'audit.records', { input: { outcome: 'refused' }, token: auditor });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data.every((r: any) => r.outcome === 'refused')).toBe(true);
    const bad = await call(app, 'audit.records', {
      input: { outcome: 'maybe', limit: 5000 },
      token: auditor,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.data.issues.map((i: any) => i.path).sort()).toEqual(['limit', 'outcome']);
  });

  it('sequences records into a signed Merkle tree that verifies, with inclusion proofs', async () => {
    const head = await app.audit.flush();
    expect(head?.treeSize).toBe((await records()).length);
    expect((await verify()).ok).toBe(true);
    const proof = await call(app, 'audit.inclusionProof', {
      input: { leafIndex: 1, treeSize: head!.treeSize },
      token: auditor,
    });
    const { leafHash, proof: path } = proof.body.result.data;
    const root = Buffer.from(head!.rootHash, 'hex');
    expect(
      verifyInclusion(
        Buffer.from(leafHash, 'hex'),
        1,
        head!.treeSize,
        path.map((h: string) => Buffer.from(h, 'hex')),
        root,
      ),
    ).toBe(true);
  });

  it('serves signed heads with their service and key, by size, so a consistency proof checks without kept heads', async () => {
    await app.audit.flush();
    await call(app, 'notes.add', { type: 'mutation', input: { text: 'later' }, token: writer });
    await app.audit.flush();
    const latest = (await call(app, 'audit.treeHead', { token: auditor })).body.result.data;
    expect(latest).toMatchObject({
      service: 'kernel-test',
      keyId: signer.keyId,
      publicJwk: signer.publicJwk,
    });
    expect(await verifyTreeHead(signer.publicJwk, latest)).toBe(true);
    const heads = (await call(app, 'audit.treeHeads', { input: { limit: 1000 }, token: auditor })).body.result
      .data as TreeHead[];
    expect(heads.length).toBeGreaterThan(1);
    expect(heads.at(-1)).toEqual(latest);
    expect(heads.map((h) => h.treeSize)).toEqual([...heads.map((h) => h.treeSize)].sort((a, b) => a - b));
    const after = (
      await call(app, 'audit.treeHeads', { input: { after: heads[0]!.treeSize }, token: auditor })
    ).body.result.data as TreeHead[];
    expect(after[0]).toEqual(heads[1]);
    // A verifier who kept nothing: the earlier head by its size, its signature, then the proof.
    const earlier = (
      await call(app, 'audit.treeHead', { input: { size: heads[0]!.treeSize }, token: auditor })
    ).body.result.data;
    expect(earlier).toEqual(heads[0]);
    expect(await verifyTreeHead(signer.publicJwk, earlier)).toBe(true);
    const proof = (
      await call(app, 'audit.consistencyProof', {
        input: { from: earlier.treeSize, to: latest.treeSize },
        token: auditor,
      })
    ).body.result.data;
    expect(
      verifyConsistency(
        earlier.treeSize,
        latest.treeSize,
        Buffer.from(earlier.rootHash, 'hex'),
        Buffer.from(latest.rootHash, 'hex'),
        proof.proof.map((h: string) => Buffer.from(h, 'hex')),
      ),
    ).toBe(true);
    const missing = await call(app, 'audit.treeHead', { input: { size: 999_999 }, token: auditor });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('no signed tree head of size 999999');
    expect((await call(app, 'audit.treeHeads', { token: writer })).status).toBe(403);
  });

  it('exports an archive that verifies without a database and fails after a one-byte change', async () => {
    await app.audit.flush();
    const archive = await writeArchive(
      await loadSnapshot(app.database.db, 'kernel-test'),
      signer,
      new Date(),
    );
    expect((await verifyArchive(archive, [signer.publicJwk])).ok).toBe(true);
    const at = Math.floor(archive.length / 2);
    const flipped =
      archive.slice(0, at) + String.fromCharCode(archive.charCodeAt(at) ^ 1) + archive.slice(at + 1);
    expect((await verifyArchive(flipped, [signer.publicJwk])).ok).toBe(false);
  });

  it('detects a changed row and names its index', async () => {
    await app.audit.flush();
    const victim = (await records())[2];
    await tamper(sql`update ${t('audit_record')} set actor = 'official:nobody' where seq = ${victim.seq}`);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenIndex).toBe(2);
    expect(result.problems[0]).toMatchObject({ kind: 'record_changed' });
    await tamper(sql`update ${t('audit_record')} set actor = ${victim.actor} where seq = ${victim.seq}`);
    expect((await verify()).ok).toBe(true);
  });

  it('detects reordered rows', async () => {
    const [a, b] = (await records()).slice(3, 5);
    await tamper(
      sql`update ${t('audit_record')} set procedure = ${b.procedure}, kind = ${b.kind}, outcome = ${b.outcome} where seq = ${a.seq}`,
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenIndex).toBe(3);
  });
});
