import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AgencyApp, createAgencyApp } from '@egov/kernel/app';
import { type AuditSigner, loadSnapshot, verifyArchive, writeArchive } from '@egov/kernel/audit';
import { findRepoRoot } from '@egov/kernel/db';
import { generateSigningKey, signServiceAssertion } from '@egov/kernel/identity';
import { databaseTargets, dropFresh, freshDatabase, silentLogger, testIdentity } from '@egov/kernel/testing';
import { enrolService, ensureActiveKey, platformApp } from '@egov/platform/provisioning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consistencyVerifies,
  inclusionVerifies,
  type PublicJwk,
  recordLeafHash,
  sealText,
  sm2Verifies,
  type TreeHead,
  treeHeadVerifies,
  verifyArchiveFile,
  verifyToken,
} from './independent.ts';

/*
 * Issue 12, item 12: what the platform signs can be verified from docs/verifying.md alone. The
 * verifier under test (./independent.ts) was written from that page with node:crypto only; here it
 * checks the page's own worked example, and a real export of a running app's audit log with the key
 * the platform publishes to the audit administrator, heads fetched by size and proofs.
 */

const doc = readFileSync(resolve(findRepoRoot(import.meta.dirname), 'docs/verifying.md'), 'utf8');
const block = (lang: string) => doc.match(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``))![1]!;
const field = (label: string) => doc.match(new RegExp(`^${label}\\s+(\\S+)$`, 'm'))![1]!;

describe('the worked example of docs/verifying.md, checked by the independent verifier', () => {
  const key = JSON.parse(block('json')) as PublicJwk;

  it('verifies the example archive, and finds leaf 1 after its record is changed', () => {
    const archive = block('jsonl');
    expect(verifyArchiveFile(archive, key)).toMatchObject({ ok: true, leaves: 3, heads: 2 });
    const changed = archive.replace('"declarations.pay"', '"declarations.paX"');
    expect(verifyArchiveFile(changed, key)).toMatchObject({ ok: false, firstBrokenLeaf: 1 });
  });

  it('verifies the example token under the example key', () => {
    const token = doc.match(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/m)![0];
    const claims = verifyToken(
      token,
      { keys: [{ ...key, kid: 'platform-key-1' }] },
      'golden-customs',
      1_795_161_700,
    );
    expect(claims).toMatchObject({ sub: 'official:auditadmin', perms: ['kernel.audit.read'] });
  });

  it('verifies the example SM2-SM3 seal signature with the GB/T 32918 distinguishing ID', () => {
    const text = sealText('SM2-SM3', field('SM3\\(document\\):'), field('signedAt:'));
    expect(text.toString('hex')).toBe(field('signed text hex:'));
    const signature = Buffer.from(field('signature r\\|\\|s:'), 'hex');
    expect(sm2Verifies(field('public key:'), text, signature)).toBe(true);
    expect(sm2Verifies(field('public key:'), Buffer.concat([text, Buffer.of(0)]), signature)).toBe(false);
  });
});

describe.each(databaseTargets())('a real export verified independently on $name', (target) => {
  let app: AgencyApp<any>;
  let signer: AuditSigner;
  let auditor: string;
  let serviceToken: string;

  const get = async (path: string, input?: unknown) => {
    const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const res = await app.hono.request(`/trpc/${path}${q}`, {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(res.status, path).toBe(200);
    return ((await res.json()) as { result: { data: any } }).result.data;
  };
  const mutate = (path: string, input: unknown) =>
    app.hono.request(`/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    const identity = await testIdentity('platform');
    auditor = await identity.officialToken({ permissions: ['kernel.audit.read'], username: 'auditor' });
    const key = await generateSigningKey('service:platform');
    signer = { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };
    app = await createAgencyApp(platformApp, {
      database: await freshDatabase(target, 'platform'),
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
      auditSigner: signer,
      auditIntervalMs: 60_000,
    });
    // As the launcher stands the platform up: its token key, its own service key and an app's enrolled.
    await ensureActiveKey(app.database.db);
    await enrolService(app.database.db, {
      name: 'platform',
      zone: 'internal',
      publicJwk: signer.publicJwk,
      permissions: [],
    });
    const tax = await generateSigningKey();
    await enrolService(app.database.db, {
      name: 'golden-tax',
      zone: 'internal',
      publicJwk: tax.publicJwk,
      permissions: [],
    });
    for (let round = 0; round < 3; round++) {
      for (const password of ['wrong-1', 'wrong-2'])
        await mutate('auth.login', { username: `nobody-${round}`, password });
      const exchanged = await mutate('auth.serviceToken', {
        assertion: await signServiceAssertion(tax.privateKey, 'golden-tax'),
        audience: 'golden-shield',
      });
      serviceToken = ((await exchanged.json()) as { result: { data: { accessToken: string } } }).result.data
        .accessToken;
      await get('audit.records', { limit: 5 });
      await app.audit.flush();
    }
  });
  afterAll(async () => {
    await app.audit.stop();
    await dropFresh(app.database);
  });

  /** The key the platform publishes to the audit administrator: the pin, never the archive's own. */
  const publishedKey = async () =>
    ((await get('services.publicKeys')) as { name: string; publicJwk: PublicJwk }[]).find(
      (k) => k.name === 'platform',
    )!.publicJwk;

  it("verifies the export under the platform's published key, and names the leaf the kernel names after a change", async () => {
    const snapshot = await loadSnapshot(app.database.db, 'platform');
    const archive = await writeArchive(snapshot, signer, new Date());
    const pinned = await publishedKey();
    const verdict = verifyArchiveFile(archive, pinned);
    expect(verdict.problems).toEqual([]);
    expect(verdict.leaves).toBe(snapshot.leaves.length);
    expect(verdict.leaves).toBeGreaterThanOrEqual(9);
    expect(verdict.heads).toBe(3);

    const lines = archive.split('\n');
    const victim = lines.findIndex((l, i) => i > lines.length / 3 && l.startsWith('{"type":"record"'));
    const tampered = [
      ...lines.slice(0, victim),
      lines[victim]!.replace('"service":"platform"', '"service":"platforn"'),
      ...lines.slice(victim + 1),
    ].join('\n');
    expect(tampered).not.toBe(archive);
    const independent = verifyArchiveFile(tampered, pinned);
    const kernel = await verifyArchive(tampered, [pinned]);
    expect(independent.ok).toBe(false);
    expect(independent.firstBrokenLeaf).not.toBeNull();
    expect(independent.firstBrokenLeaf).toBe(kernel.firstBrokenIndex);

    const stranger = (await generateSigningKey()).publicJwk as PublicJwk;
    expect(verifyArchiveFile(archive, stranger).problems).toContain('digest not signed by the pinned key');
  });

  it('checks heads fetched by size and the proofs between them, with no head kept beforehand', async () => {
    const pinned = await publishedKey();
    const heads = (await get('audit.treeHeads')) as (TreeHead & { keyId: string })[];
    expect(heads).toHaveLength(3);
    for (const head of heads) {
      expect(head).toMatchObject({ service: 'platform', keyId: 'service:platform' });
      expect(treeHeadVerifies(head, pinned)).toBe(true);
    }
    const [first, , last] = heads as unknown as [TreeHead, TreeHead, TreeHead];
    expect(await get('audit.treeHead', { size: first.treeSize })).toEqual(heads[0]);
    const consistency = await get('audit.consistencyProof', { from: first.treeSize, to: last.treeSize });
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(
      consistencyVerifies(
        first.treeSize,
        last.treeSize,
        hex(first.rootHash),
        hex(last.rootHash),
        consistency.proof.map(hex),
      ),
    ).toBe(true);
    expect(
      consistencyVerifies(
        first.treeSize,
        last.treeSize,
        hex(last.rootHash),
        hex(last.rootHash),
        consistency.proof.map(hex),
      ),
    ).toBe(false);

    // Leaf 1's record, hashed by the document's rules, is in the latest tree.
    const archive = await writeArchive(await loadSnapshot(app.database.db, 'platform'), signer, new Date());
    const rows = archive
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const leaf = rows.find((r) => r.type === 'leaf' && r.leafIndex === 1);
    const record = rows.find((r) => r.type === 'record' && r.seq === leaf.recordSeq);
    const inclusion = await get('audit.inclusionProof', { leafIndex: 1, treeSize: last.treeSize });
    expect(inclusion.leafHash).toBe(recordLeafHash(record.row).toString('hex'));
    expect(
      inclusionVerifies(
        hex(inclusion.leafHash),
        1,
        last.treeSize,
        inclusion.proof.map(hex),
        hex(last.rootHash),
      ),
    ).toBe(true);
    expect(
      inclusionVerifies(
        hex(inclusion.leafHash),
        2,
        last.treeSize,
        inclusion.proof.map(hex),
        hex(last.rootHash),
      ),
    ).toBe(false);
  });

  it('verifies a service token the platform issued against its public JWKS', async () => {
    const jwks = (await (await app.hono.request('/.well-known/jwks.json')).json()) as { keys: PublicJwk[] };
    const claims = verifyToken(serviceToken, jwks, 'golden-shield', Math.floor(Date.now() / 1000));
    expect(claims).toMatchObject({
      typ: 'service',
      sub: 'service:golden-tax',
      iss: 'egov-platform',
      aud: 'golden-shield',
    });
    expect(verifyToken(serviceToken, jwks, 'golden-shield', Math.floor(Date.now() / 1000) + 3600)).toBe(
      'expired',
    );
  });
});
