import type { Kysely } from 'kysely';
import type { JWK } from 'jose';
import type { AuditDatabase } from './table.ts';
import type { AuditSnapshot } from './verify.ts';

/** Reads an app's whole audit log (records, leaves, heads) for verification or export. */
export async function loadSnapshot(
  db: Kysely<any>,
  service: string,
  trustedKeys: JWK[] = [],
): Promise<AuditSnapshot> {
  const d = db as Kysely<AuditDatabase>;
  const [records, leaves, heads, prunes] = await Promise.all([
    d.selectFrom('audit_record').selectAll().orderBy('seq').execute(),
    d.selectFrom('audit_leaf').selectAll().orderBy('leaf_index').execute(),
    d.selectFrom('audit_tree_head').selectAll().orderBy('tree_size').execute(),
    d.selectFrom('audit_prune').select(['before_leaf']).execute(),
  ]);
  const prunedBeforeLeaf = prunes.reduce((m, p) => Math.max(m, Number(p.before_leaf)), 0);
  return {
    service,
    // A record without a correlation id has no such key: archives of such records read as before.
    records: records.map(({ correlation_id, ...row }) => ({
      seq: Number(row.seq),
      row: correlation_id ? { ...row, correlation_id } : row,
    })),
    leaves: leaves.map((l) => ({
      leafIndex: Number(l.leaf_index),
      recordSeq: Number(l.record_seq),
      leafHash: Buffer.from(l.leaf_hash),
    })),
    heads: heads.map((h) => ({
      head: {
        service,
        treeSize: Number(h.tree_size),
        rootHash: Buffer.from(h.root_hash).toString('hex'),
        issuedAt: new Date(h.issued_at).toISOString(),
        keyId: h.key_id,
        signature: h.signature,
      },
      publicJwk: (typeof h.public_jwk === 'string' ? JSON.parse(h.public_jwk) : h.public_jwk) as JWK,
    })),
    prunedBeforeLeaf,
    trustedKeys,
  };
}
