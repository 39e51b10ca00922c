import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { entryFromRow } from './append.ts';
import { consistencyProof, inclusionProof } from './merkle/index.ts';
import type { AuditDatabase } from './table.ts';

export const auditQueryInput = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().min(1).max(200).optional(),
  procedure: z.string().min(1).max(200).optional(),
  outcome: z.enum(['ok', 'refused', 'failed']).optional(),
  kind: z
    .enum(['mutation', 'authentication', 'authorization', 'reveal', 'admin', 'call-in', 'call-out', 'query'])
    .optional(),
  /** Records with `seq` greater than this (for paging). */
  after: z.number().int().nonnegative().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});

export type AuditQuery = z.infer<typeof auditQueryInput>;

/** Filtered, paged audit records, oldest first. */
export async function queryAudit(db: Kysely<any>, q: AuditQuery) {
  if (q.from && q.to && q.from > q.to)
    throw new DomainError('INVALID', '"from" must not be after "to"', { field: 'from', rule: 'range' });
  let query = (db as Kysely<AuditDatabase>)
    .selectFrom('audit_record')
    .selectAll()
    .orderBy('seq')
    .limit(q.limit);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<=', new Date(q.to));
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.procedure) query = query.where('procedure', '=', q.procedure);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.after !== undefined) query = query.where('seq', '>', String(q.after));
  const rows = await query.execute();
  return rows.map((row) => {
    const e = entryFromRow(row);
    return { seq: Number(row.seq), ...e, at: e.at.toISOString() };
  });
}

async function leafHashes(db: Kysely<any>, size: number): Promise<Buffer[]> {
  const rows = await (db as Kysely<AuditDatabase>)
    .selectFrom('audit_leaf')
    .select('leaf_hash')
    .where('leaf_index', '<', String(size))
    .orderBy('leaf_index')
    .execute();
  return rows.map((r) => Buffer.from(r.leaf_hash));
}

async function assertHead(db: Kysely<any>, size: number, field: string): Promise<void> {
  const head = await (db as Kysely<AuditDatabase>)
    .selectFrom('audit_tree_head')
    .select('tree_size')
    .where('tree_size', '=', String(size))
    .executeTakeFirst();
  if (!head)
    throw new DomainError('NOT_FOUND', `no signed tree head of size ${size}`, { field, rule: 'tree_head' });
}

/** The audit path of a leaf in the tree of a signed head's size (RFC 6962 2.1.1). */
export async function inclusionProofFor(db: Kysely<any>, leafIndex: number, treeSize: number) {
  await assertHead(db, treeSize, 'treeSize');
  if (leafIndex >= treeSize)
    throw new DomainError('INVALID', 'leafIndex must be below treeSize', {
      field: 'leafIndex',
      rule: 'range',
    });
  const hashes = await leafHashes(db, treeSize);
  return {
    leafIndex,
    treeSize,
    leafHash: hashes[leafIndex]!.toString('hex'),
    proof: inclusionProof(hashes, leafIndex, treeSize).map((h) => Buffer.from(h).toString('hex')),
  };
}

/** Proof that the tree of size `from` is a prefix of the tree of size `to` (RFC 6962 2.1.2). */
export async function consistencyProofFor(db: Kysely<any>, from: number, to: number) {
  if (from > to)
    throw new DomainError('INVALID', '"from" must not exceed "to"', { field: 'from', rule: 'range' });
  await assertHead(db, from, 'from');
  await assertHead(db, to, 'to');
  const hashes = await leafHashes(db, to);
  return { from, to, proof: consistencyProof(hashes, from, to).map((h) => Buffer.from(h).toString('hex')) };
}

export async function latestTreeHead(db: Kysely<any>) {
  const h = await (db as Kysely<AuditDatabase>)
    .selectFrom('audit_tree_head')
    .selectAll()
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!h) return null;
  return {
    treeSize: Number(h.tree_size),
    rootHash: Buffer.from(h.root_hash).toString('hex'),
    issuedAt: new Date(h.issued_at).toISOString(),
    keyId: h.key_id,
    signature: h.signature,
  };
}
