import type { Kysely } from 'kysely';
import { CompactRange } from './merkle/index.ts';
import type { AuditDatabase } from './table.ts';

/**
 * Collects the perfect subtrees a compact range completes while leaves are
 * appended (`range.append(hash, recorder.onSubtree)`) and stores them in
 * `audit_node`, in chunks, for proofs in O(log² n) reads.
 */
export function subtreeRecorder() {
  let rows: { level: number; node_index: string; hash: Buffer }[] = [];
  return {
    onSubtree: (level: number, index: number, hash: Buffer) => {
      rows.push({ level, node_index: String(index), hash });
    },
    /** Inserts what was collected since the last store. */
    async store(db: Kysely<any>): Promise<void> {
      for (let i = 0; i < rows.length; i += 1_000)
        await (db as Kysely<AuditDatabase>)
          .insertInto('audit_node')
          .values(rows.slice(i, i + 1_000))
          .execute();
      rows = [];
    },
  };
}

/**
 * The subtree roots of a log sequenced before `audit_node` existed, from its
 * leaves, in pages (run by the migration that adds the table).
 */
export async function backfillAuditNodes(db: Kysely<any>): Promise<void> {
  const range = new CompactRange();
  const recorder = subtreeRecorder();
  for (;;) {
    const page = await (db as Kysely<AuditDatabase>)
      .selectFrom('audit_leaf')
      .select('leaf_hash')
      .where('leaf_index', '>=', String(range.size))
      .orderBy('leaf_index')
      .limit(10_000)
      .execute();
    for (const row of page) range.append(Buffer.from(row.leaf_hash), recorder.onSubtree);
    await recorder.store(db);
    if (page.length < 10_000) return;
  }
}
