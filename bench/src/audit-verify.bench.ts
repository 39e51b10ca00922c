import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type AuditEntry,
  appendAudit,
  auditMigrations,
  canonicalBytes,
  entryFromRow,
  inclusionProofFor,
  integrate,
  loadSnapshot,
  verifySnapshot,
} from '@egov/kernel/audit';
import { createDatabase } from '@egov/kernel/db';
import { generateSigningKey } from '@egov/kernel/identity';
import { uniqueSchema } from '@egov/kernel/testing';
// The kernel's in-memory proof function is not exported from the package; the benchmark reaches
// into its source for the baseline (proofs from all leaves, as `inclusionProofFor` made them before the subtree store).
import { inclusionProof } from '../../packages/kernel/src/audit/merkle/index.ts';
import { benchDatabase, benchSeconds, compare, num, ratio, timed } from './measure.ts';

const SERVICE = 'bench-audit';
const LEAF_PREFIX = Buffer.of(0x00);

/** A record as the kernel writes one for a registrar's mutation. */
function entry(i: number, start: number): AuditEntry {
  return {
    at: new Date(start + i),
    actor: `official:registrar-${i % 50}`,
    actorAgency: 'golden-shield',
    subject: null,
    service: SERVICE,
    procedure: ['residents.registerBirth', 'residents.move', 'residents.registerDeath'][i % 3]!,
    kind: 'mutation',
    objectIds: [`resident:11010519491231${String(i % 10_000).padStart(4, '0')}`],
    outcome: 'ok',
    errorCode: null,
    sourceAddress: '10.0.0.7',
    traceId: randomBytes(16).toString('hex'),
    requestId: randomUUID(),
  };
}

/**
 * The audit log of one app with N records (default 50,000; `BENCH_AUDIT_RECORDS`),
 * built directly with `appendAudit` (transactions of 1,000) and `integrate`
 * (its default batch of 5,000 records per signed tree head) on PostgreSQL
 * (`benchDatabase()`), in a fresh schema with `auditMigrations`. Then:
 * - full verification, `verifySnapshot(await loadSnapshot(...))`, in records
 *   per second, versus hashing the same N leaves (`SHA-256(0x00 ‖ canonical
 *   bytes)`, bytes prepared beforehand) with node:crypto alone;
 * - inclusion proofs per second, `inclusionProofFor(db, leaf, size)` for
 *   varying leaves in the latest tree, versus the kernel's in-memory
 *   `inclusionProof` over the same leaf hashes already in memory.
 */
export const auditVerifyBenchmark = {
  name: 'audit verification and proofs',
  async run(): Promise<string> {
    const seconds = benchSeconds();
    const records = Number(process.env.BENCH_AUDIT_RECORDS ?? 50_000);
    const server = await benchDatabase();
    const database = await createDatabase<any>({
      kind: 'postgres',
      url: server.url,
      schema: uniqueSchema('bench_audit'),
      // As the schema owner: the benchmark builds the log with the kernel's functions, not through an app.
      appRole: false,
    });
    try {
      await database.migrate(auditMigrations(database.schema));
      const db = database.db;
      const key = await generateSigningKey();
      const signer = { keyId: key.kid, privateKey: key.privateKey, publicJwk: key.publicJwk };

      // Build the log.
      let t = performance.now();
      const start = Date.now() - records;
      for (let i = 0; i < records; i += 1_000) {
        await db.transaction().execute(async (trx) => {
          for (let j = i; j < Math.min(records, i + 1_000); j++) await appendAudit(trx, entry(j, start));
        });
      }
      const appendSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      let heads = 0;
      while (await integrate(db, { service: SERVICE, signer })) heads += 1;
      const integrateSeconds = (performance.now() - t) / 1000;
      // What the sequencer pays on every tick (1 s by default) once the log is this long, with nothing to do.
      const idle = await timed(() => integrate(db, { service: SERVICE, signer }), Math.min(1, seconds / 5));

      // Verification: the kernel path, and the bare hashing it cannot avoid.
      const memoryBefore = process.memoryUsage();
      const snapshot = await loadSnapshot(db, SERVICE);
      const memoryAfter = process.memoryUsage();
      const check = await verifySnapshot(snapshot);
      if (!check.ok || check.leaves !== records) {
        throw new Error(`the benchmark log does not verify: ${JSON.stringify(check.problems.slice(0, 3))}`);
      }
      const leafBytes = snapshot.records.map((r) => canonicalBytes(entryFromRow(r.row)));
      const hashes = snapshot.leaves.map((l) => l.leafHash);
      let loading = 0;
      let verifying = 0;
      // A full pass takes seconds: one series each (subject, then baseline), no halves, no warm-up
      // (the check above was a full pass already).
      const verification = {
        subject: await timed(async () => {
          const a = performance.now();
          const s = await loadSnapshot(db, SERVICE);
          const b = performance.now();
          const result = await verifySnapshot(s);
          loading += b - a;
          verifying += performance.now() - b;
          if (!result.ok) throw new Error('log stopped verifying');
        }, seconds),
        baseline: await timed(async () => {
          for (const bytes of leafBytes) createHash('sha256').update(LEAF_PREFIX).update(bytes).digest();
        }, seconds),
      };
      // Proofs: varying leaves of the latest signed tree.
      const size = records;
      const leafAt = (i: number) => (i * 7_919) % size;
      const proofs = await compare(
        (i) => inclusionProofFor(db, leafAt(i), size),
        async (i) => inclusionProof(hashes, leafAt(i), size),
        seconds,
      );
      // One more timed pass of the read alone, to show where a proof's time goes.
      const leafRead = await timed(
        () =>
          db.selectFrom('audit_leaf').select('leaf_hash').where('leaf_index', '<', String(size)).execute(),
        Math.min(1, seconds / 5),
      );

      const perRecord = (r: { perSecond: number }) => num(r.perSecond * records);
      const split = loading + verifying;
      const mb = (bytes: number) => `${bytes < 0 ? '-' : '+'}${Math.abs(bytes / 1024 / 1024).toFixed(0)} MB`;
      return [
        this.name,
        `  method:   ${num(records)} records on ${server.label} (appendAudit in transactions of 1,000, ` +
          `then integrate: ${heads} signed tree head${heads === 1 ? '' : 's'}); each side back to back for ${seconds} s (at least once): ` +
          'verification subject then baseline (a pass takes seconds; the initial check warms it up), ' +
          'proofs in halves S B B S after a 10 % warm-up',
        `  build:    append ${num(records / appendSeconds)} records/s, integrate ${num(records / integrateSeconds)} records/s (setup, not compared)`,
        `  sequencer tick with nothing pending, ${num(records)} records in the log: ${num(1000 / idle.perSecond)} ms`,
        `  verify:   ${perRecord(verification.subject)} records/s ` +
          `(${num(1000 / verification.subject.perSecond)} ms per full pass: ` +
          `${Math.round((100 * loading) / split)} % loadSnapshot, ${Math.round((100 * verifying) / split)} % verifySnapshot)`,
        `            baseline sha256 of the same leaves: ${perRecord(verification.baseline)} records/s → ` +
          `${ratio(verification.subject.perSecond, verification.baseline.perSecond)} of baseline throughput`,
        `            snapshot held in memory: heap ${mb(memoryAfter.heapUsed - memoryBefore.heapUsed)}, ` +
          `rss ${mb(memoryAfter.rss - memoryBefore.rss)} (no forced GC; approximate)`,
        `  proofs:   inclusionProofFor (stored subtree roots, O(log² n) rows) ${num(proofs.subject.perSecond)}/s vs in-memory inclusionProof over all leaves ` +
          `${num(proofs.baseline.perSecond)}/s → ${ratio(proofs.subject.perSecond, proofs.baseline.perSecond)} of baseline throughput`,
        `            reading all ${num(size)} leaf hashes alone: ${num(leafRead.perSecond)}/s ` +
          `(${num(1000 / leafRead.perSecond)} ms; what inclusionProofFor read on every call before the subtree store)`,
      ].join('\n');
    } finally {
      await database.dropSchema().catch(() => {});
      await database.close();
    }
  },
};
