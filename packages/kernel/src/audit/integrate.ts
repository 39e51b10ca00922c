import { type Kysely, sql } from 'kysely';
import { entryFromRow } from './append.ts';
import { CompactRange, leafHash } from './merkle/index.ts';
import { subtreeRecorder } from './nodes.ts';
import { canonicalBytes } from './record.ts';
import type { AuditDatabase } from './table.ts';
import { type AuditSigner, signTreeHead, type TreeHead } from './tree-head.ts';

/** How many records behind the newest sequenced one a late commit is still looked for. */
export const LATE_COMMIT_WINDOW = 10_000;

export interface IntegrateOptions {
  service: string;
  signer: AuditSigner;
  now?: () => Date;
  /** Most records folded into the tree per run. */
  batch?: number;
}

/**
 * The sequencer (as in Certificate Transparency logs): gives committed
 * records their leaf index in the order it finds them, extends the tree, and
 * signs a new tree head, all in one transaction. A record that committed late
 * with a lower `seq` simply gets the next index. One sequencer at a time per
 * log (an advisory lock), so indices are gapless.
 *
 * @example
 * const head = await integrate(db, { service: 'golden-shield', signer });
 */
export async function integrate(db: Kysely<any>, options: IntegrateOptions): Promise<TreeHead | null> {
  const now = options.now ?? (() => new Date());
  return (db as Kysely<AuditDatabase>).transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`egov-audit:${options.service}`}))`.execute(trx);
    // Only look behind the newest sequenced record by a bounded window: a scan of the whole log every second
    // would grow with it. A record committing this far behind its neighbours is reported by verify as out of order.
    const newest = await trx
      .selectFrom('audit_leaf')
      .select((eb) => eb.fn.max('record_seq').as('m'))
      .executeTakeFirst();
    const from = Math.max(0, Number(newest?.m ?? 0) - LATE_COMMIT_WINDOW);
    const pending = await trx
      .selectFrom('audit_record as r')
      .leftJoin('audit_leaf as l', 'l.record_seq', 'r.seq')
      .where('r.seq', '>', String(from))
      .where('l.record_seq', 'is', null)
      .selectAll('r')
      .orderBy('r.seq')
      .limit(options.batch ?? 5_000)
      .execute();
    if (pending.length === 0) return null;
    const latest = await trx
      .selectFrom('audit_tree_head')
      .selectAll()
      .orderBy('tree_size', 'desc')
      .limit(1)
      .executeTakeFirst();
    const range = latest
      ? CompactRange.restore({ size: Number(latest.tree_size), hashes: parseRange(latest.compact_range) })
      : new CompactRange();
    const subtrees = subtreeRecorder();
    const leaves = pending.map((row) => {
      const hash = leafHash(canonicalBytes(entryFromRow(row)));
      const index = range.size;
      range.append(hash, subtrees.onSubtree);
      return { leaf_index: String(index), record_seq: String(row.seq), leaf_hash: hash };
    });
    for (let i = 0; i < leaves.length; i += 500)
      await trx
        .insertInto('audit_leaf')
        .values(leaves.slice(i, i + 500))
        .execute();
    // The perfect subtrees these leaves completed, for proofs in O(log² n) reads.
    await subtrees.store(trx);
    const head = await signTreeHead(options.signer, {
      service: options.service,
      treeSize: range.size,
      rootHash: Buffer.from(range.root()).toString('hex'),
      issuedAt: now().toISOString(),
    });
    await trx
      .insertInto('audit_tree_head')
      .values({
        tree_size: String(head.treeSize),
        root_hash: Buffer.from(head.rootHash, 'hex'),
        issued_at: new Date(head.issuedAt),
        key_id: head.keyId,
        signature: head.signature,
        public_jwk: JSON.stringify(options.signer.publicJwk),
        compact_range: JSON.stringify(range.save().hashes.map((h) => Buffer.from(h).toString('hex'))),
      })
      .execute();
    return head;
  });
}

function parseRange(value: unknown): Buffer[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : value) as string[];
  return list.map((h) => Buffer.from(h, 'hex'));
}
