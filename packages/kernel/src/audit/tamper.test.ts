import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppDatabase } from '../db/database.ts';
import { generateSigningKey } from '../identity/issuer.ts';
import { databaseTargets, dropFresh, freshDatabase } from '../testing/index.ts';
import { appendAudit } from './append.ts';
import { integrate } from './integrate.ts';
import { verifyConsistency, verifyInclusion } from './merkle/index.ts';
import { consistencyProofFor, inclusionProofFor } from './query.ts';
import { appRoleMigrations } from '../db/app-role-migrations.ts';
import { AUDIT_TABLES, auditMigrations } from './migrations.ts';
import { backfillAuditNodes } from './nodes.ts';
import type { AuditEntry } from './record.ts';
import { pruneAudit } from './retention.ts';
import { loadSnapshot } from './snapshot.ts';
import type { AuditSigner } from './tree-head.ts';
import { verifySnapshot } from './verify.ts';

const entry = (i: number, at = new Date()): AuditEntry => ({
  at,
  actor: `official:${i}`,
  actorAgency: 'mps',
  subject: null,
  service: 'tamper-test',
  procedure: 'things.do',
  kind: 'mutation',
  objectIds: [`thing:${i}`],
  outcome: 'ok',
  errorCode: null,
  sourceAddress: '127.0.0.1',
  traceId: 't'.repeat(32),
  requestId: `r${i}`,
});

describe.each(databaseTargets())('audit tamper evidence on $name', (target) => {
  let database: AppDatabase<any>;
  let signer: AuditSigner;
  const t = (name: string) => sql.table(`${database.schema}.${name}`);
  const verify = async () =>
    verifySnapshot(await loadSnapshot(database.db, 'tamper-test', [signer.publicJwk]));
  const bypass = async (statement: (db: Kysely<any>) => Promise<unknown>) =>
    database.owner.transaction().execute(async (trx) => {
      for (const table of ['audit_record', 'audit_leaf', 'audit_tree_head', 'audit_node'])
        await sql`alter table ${t(table)} disable trigger user`.execute(trx);
      await statement(trx);
      for (const table of ['audit_record', 'audit_leaf', 'audit_tree_head', 'audit_node'])
        await sql`alter table ${t(table)} enable trigger user`.execute(trx);
    });

  async function log(count: number, at?: (i: number) => Date) {
    database = await freshDatabase(target, 'audit_tamper');
    await database.migrate({
      ...auditMigrations(database.schema),
      ...appRoleMigrations(database.schema, AUDIT_TABLES),
    });
    const key = await generateSigningKey();
    signer = { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };
    for (let i = 0; i < count; i += 1) {
      await appendAudit(database.db, entry(i, at?.(i)));
      if (i % 4 === 3) await integrate(database.db, { service: 'tamper-test', signer });
    }
    await integrate(database.db, { service: 'tamper-test', signer });
    expect((await verify()).ok).toBe(true);
  }
  afterEach(async () => {
    await dropFresh(database);
  });

  it('names the index of a deleted record', async () => {
    await log(10);
    await bypass((db) => sql`delete from ${t('audit_record')} where request_id = 'r6'`.execute(db));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.firstBrokenIndex).toBe(6);
    expect(result.problems[0]?.kind).toBe('record_missing');
  });

  it('detects a record inserted directly, leaf and all, in the middle', async () => {
    await log(8);
    await bypass(async (db) => {
      await sql`delete from ${t('audit_leaf')} where leaf_index = 5`.execute(db);
      await sql`insert into ${t('audit_record')} (at, actor, service, procedure, kind, object_ids, outcome, trace_id, request_id)
        values (now(), 'official:intruder', 'tamper-test', 'things.do', 'mutation', '[]', 'ok', 'x', 'x')`.execute(
        db,
      );
      const seq = (await sql<{ seq: string }>`select max(seq) as seq from ${t('audit_record')}`.execute(db))
        .rows[0]!.seq;
      const { leafHash } = await import('./merkle/index.ts');
      const { canonicalBytes } = await import('./record.ts');
      const { entryFromRow } = await import('./append.ts');
      const row = (await sql<any>`select * from ${t('audit_record')} where seq = ${seq}`.execute(db)).rows[0];
      await sql`insert into ${t('audit_leaf')} (leaf_index, record_seq, leaf_hash) values (5, ${seq}, ${leafHash(canonicalBytes(entryFromRow(row)))})`.execute(
        db,
      );
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.kind === 'root_mismatch')).toBe(true);
    expect(result.firstBrokenIndex).toBeLessThanOrEqual(5);
  });

  it('fails against a tree head an auditor kept when the tail and its heads are cut off', async () => {
    await log(9);
    const kept = (await loadSnapshot(database.db, 'tamper-test')).heads.at(-1)!;
    await bypass(async (db) => {
      await sql`delete from ${t('audit_leaf')} where leaf_index >= 7`.execute(db);
      await sql`delete from ${t('audit_record')} where request_id in ('r7', 'r8')`.execute(db);
      await sql`delete from ${t('audit_tree_head')} where tree_size > 7`.execute(db);
    });
    const snapshot = await loadSnapshot(database.db, 'tamper-test', [signer.publicJwk]);
    const result = await verifySnapshot({ ...snapshot, heads: [...snapshot.heads, kept] });
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.kind === 'truncated')).toMatchObject({ index: 7 });
  });

  it('reports a tail cut below the latest signed head as truncated', async () => {
    await log(9);
    await bypass(async (db) => {
      await sql`delete from ${t('audit_leaf')} where leaf_index >= 7`.execute(db);
      await sql`delete from ${t('audit_record')} where request_id in ('r7', 'r8')`.execute(db);
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems.find((p) => p.kind === 'truncated')).toMatchObject({ index: 7 });
  });

  it('serves proofs from stored subtree roots that verify against every signed head, and from the leaves where a root is missing', async () => {
    await log(37);
    const heads = (await loadSnapshot(database.db, 'tamper-test')).heads.map((h) => h.head);
    expect(heads.length).toBeGreaterThan(5);
    const proofs = async () => {
      const out: string[][] = [];
      for (const head of heads) {
        const root = Buffer.from(head.rootHash, 'hex');
        for (let i = 0; i < head.treeSize; i++) {
          const p = await inclusionProofFor(database.db, i, head.treeSize);
          const path = p.proof.map((h) => Buffer.from(h, 'hex'));
          expect(verifyInclusion(Buffer.from(p.leafHash, 'hex'), i, head.treeSize, path, root)).toBe(true);
          out.push(p.proof);
        }
      }
      for (let k = 1; k < heads.length; k++) {
        const [a, b] = [heads[k - 1]!, heads[k]!];
        const p = await consistencyProofFor(database.db, a.treeSize, b.treeSize);
        const ok = verifyConsistency(
          a.treeSize,
          b.treeSize,
          Buffer.from(a.rootHash, 'hex'),
          Buffer.from(b.rootHash, 'hex'),
          p.proof.map((h) => Buffer.from(h, 'hex')),
        );
        expect(ok).toBe(true);
        out.push(p.proof);
      }
      return out;
    };
    const stored = await proofs();
    const nodes = await database.db.selectFrom('audit_node').select('level').execute();
    expect(nodes.length).toBe(37 - 3); // n minus the number of 1-bits of 37 (100101)
    // A log sequenced before the subtree store (or one whose store was lost): the same proofs, from the leaves.
    await bypass((trx) => sql`delete from ${t('audit_node')}`.execute(trx));
    expect(await proofs()).toEqual(stored);
    // The migration that added the store fills it from the leaves of such a log.
    await backfillAuditNodes(database.owner);
    expect(await database.db.selectFrom('audit_node').select('level').execute()).toHaveLength(34);
    expect(await proofs()).toEqual(stored);
  });

  it('keeps everything younger than six months, and prunes older records only after archiving them', async () => {
    const now = new Date();
    const monthsAgo = (m: number) => new Date(now.getTime() - m * 31 * 24 * 3600 * 1000);
    await log(6, (i) => (i < 3 ? monthsAgo(7) : monthsAgo(1)));
    let archived = '';
    await expect(
      pruneAudit(database.owner, {
        service: 'tamper-test',
        before: monthsAgo(2),
        now,
        signer,
        store: async (a) => {
          archived = a;
        },
      }),
    ).rejects.toThrow(/younger than 6 months/);
    const result = await pruneAudit(database.owner, {
      service: 'tamper-test',
      before: monthsAgo(6.5),
      now,
      signer,
      store: async (a) => {
        archived = a;
      },
    });
    expect(result.pruned).toBe(3);
    expect(archived).toContain('"request_id":"r0"');
    expect((await verify()).ok).toBe(true);
    // the database refuses, by its own clock, to delete a young record even on the retention path
    await expect(
      database.owner.transaction().execute(async (trx) => {
        await sql`set local egov.audit_retention = 'on'`.execute(trx);
        await sql`delete from ${t('audit_record')} where request_id = 'r4'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it('grants the app role reading and appending only: no update, delete or truncate, not even for retention', async () => {
    await log(4);
    const asAppRole = (statement: string) =>
      database.owner.transaction().execute(async (trx) => {
        await sql.raw(`set local role ${database.schema}_app`).execute(trx);
        await sql`set local egov.audit_retention = 'on'`.execute(trx);
        return sql.raw(statement).execute(trx);
      });
    const s = database.schema;
    const columnOf = {
      audit_record: 'actor',
      audit_leaf: 'leaf_hash',
      audit_tree_head: 'key_id',
      audit_prune: 'at',
      audit_node: 'hash',
    };
    for (const table of [...AUDIT_TABLES, 'audit_node'] as const) {
      await expect(asAppRole(`select count(*) from ${s}.${table}`)).resolves.toBeDefined();
      await expect(
        asAppRole(`update ${s}.${table} set ${columnOf[table]} = ${columnOf[table]}`),
      ).rejects.toThrow(/permission denied/);
      await expect(asAppRole(`delete from ${s}.${table}`)).rejects.toThrow(/permission denied/);
      await expect(asAppRole(`truncate ${s}.${table}`)).rejects.toThrow(/permission denied/);
    }
    await expect(asAppRole(`update ${s}.kysely_migration set name = name`)).rejects.toThrow(
      /permission denied/,
    );
    // appending is what the role is for; the rollback of the test transaction is not the point
    await expect(
      asAppRole(
        `insert into ${s}.audit_record (at, actor, service, procedure, kind, object_ids, outcome, trace_id, request_id)
         values (now(), 'official:x', 'tamper-test', 'things.do', 'mutation', '[]', 'ok', 't', 'r')`,
      ),
    ).resolves.toBeDefined();
    if (target.name === 'postgres') {
      // and on PostgreSQL the app's own connection is that role
      expect(database.role).toBe(`${s}_app`);
      const who = await sql<{ user: string }>`select current_user as user`.execute(database.db);
      expect(who.rows[0]!.user).toBe(`${s}_app`);
      await expect(sql`delete from ${t('audit_record')}`.execute(database.db)).rejects.toThrow(
        /permission denied/,
      );
    }
  });
});
