import type { JWK } from 'jose';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { entryFromRow } from './append.ts';
import {
  consistencyPath,
  inclusionPath,
  joinSubtrees,
  type RangeRoot,
  rootFromLeafHashes,
  type Subtree,
  subtreesOf,
} from './merkle/index.ts';
import type { AuditDatabase, AuditTreeHeadTable } from './table.ts';

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

const key = (t: Subtree) => `${t.level}:${t.index}`;

/**
 * Builds a proof from the stored roots of the perfect subtrees it needs: a
 * dry run with `build` collects the ranges (they depend only on the sizes and
 * the index), one query per table fetches their parts (leaves from
 * `audit_leaf`, larger subtrees from `audit_node`), and the real run joins
 * them. A subtree missing from `audit_node` is computed from its leaves.
 */
async function fromStoredSubtrees(db: Kysely<any>, build: (root: RangeRoot) => Buffer[]): Promise<Buffer[]> {
  const a = db as Kysely<AuditDatabase>;
  const wanted = new Map<string, Subtree>();
  build((begin, end) => {
    for (const t of subtreesOf(begin, end)) wanted.set(key(t), t);
    return Buffer.alloc(32);
  });
  const all = [...wanted.values()];
  const roots = new Map<string, Buffer>();
  const leaves = all.filter((t) => t.level === 0).map((t) => String(t.index));
  if (leaves.length > 0)
    for (const row of await a
      .selectFrom('audit_leaf')
      .select(['leaf_index', 'leaf_hash'])
      .where('leaf_index', 'in', leaves)
      .execute())
      roots.set(`0:${row.leaf_index}`, Buffer.from(row.leaf_hash));
  const inner = all.filter((t) => t.level > 0);
  if (inner.length > 0)
    for (const row of await a
      .selectFrom('audit_node')
      .select(['level', 'node_index', 'hash'])
      .where((eb) =>
        eb.or(inner.map((t) => eb.and([eb('level', '=', t.level), eb('node_index', '=', String(t.index))]))),
      )
      .execute())
      roots.set(`${row.level}:${row.node_index}`, Buffer.from(row.hash));
  for (const t of inner) {
    if (roots.has(key(t))) continue;
    const first = t.index * 2 ** t.level;
    roots.set(key(t), rootFromLeafHashes(await leafHashes(a, first, first + 2 ** t.level)));
  }
  return build((begin, end) =>
    joinSubtrees(
      subtreesOf(begin, end).map((t) => {
        const root = roots.get(key(t));
        if (!root)
          throw new DomainError('UNAVAILABLE', `audit store damaged: subtree ${key(t)} is missing`, {
            rule: 'store_damaged',
          });
        return root;
      }),
    ),
  );
}

async function leafHashes(db: Kysely<AuditDatabase>, from: number, to: number): Promise<Buffer[]> {
  const rows = await db
    .selectFrom('audit_leaf')
    .select('leaf_hash')
    .where('leaf_index', '>=', String(from))
    .where('leaf_index', '<', String(to))
    .orderBy('leaf_index')
    .execute();
  if (rows.length !== to - from)
    throw new DomainError('UNAVAILABLE', `audit store damaged: leaves ${from}..${to - 1} are missing`, {
      rule: 'store_damaged',
    });
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
  const [leaf] = await leafHashes(db as Kysely<AuditDatabase>, leafIndex, leafIndex + 1);
  const proof = await fromStoredSubtrees(db, (root) => inclusionPath(leafIndex, treeSize, root));
  return {
    leafIndex,
    treeSize,
    leafHash: leaf!.toString('hex'),
    proof: proof.map((h) => h.toString('hex')),
  };
}

/** Proof that the tree of size `from` is a prefix of the tree of size `to` (RFC 6962 2.1.2). */
export async function consistencyProofFor(db: Kysely<any>, from: number, to: number) {
  if (from > to)
    throw new DomainError('INVALID', '"from" must not exceed "to"', { field: 'from', rule: 'range' });
  await assertHead(db, from, 'from');
  await assertHead(db, to, 'to');
  if (from === 0 && to > 0)
    throw new DomainError('INVALID', 'there is no consistency proof from the empty tree', {
      field: 'from',
      rule: 'range',
    });
  const proof = await fromStoredSubtrees(db, (root) => consistencyPath(from, to, root));
  return { from, to, proof: proof.map((h) => h.toString('hex')) };
}

/** A signed tree head as served to verifiers: what was signed, who signed it, and the key to check it with. */
export interface ServedTreeHead {
  service: string;
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  signature: string;
  /** The app's Ed25519 key (RFC 8037 OKP JWK) as stored with the head. */
  publicJwk: JWK & { kty: string; crv: string; x: string };
}

function served(service: string, h: Selectable<AuditTreeHeadTable>): ServedTreeHead {
  return {
    service,
    treeSize: Number(h.tree_size),
    rootHash: Buffer.from(h.root_hash).toString('hex'),
    issuedAt: new Date(h.issued_at).toISOString(),
    keyId: h.key_id,
    signature: h.signature,
    publicJwk: (typeof h.public_jwk === 'string'
      ? JSON.parse(h.public_jwk)
      : h.public_jwk) as ServedTreeHead['publicJwk'],
  };
}

/**
 * The latest signed tree head, or the one of exactly `size` leaves (so a
 * verifier who kept no head can still check a consistency proof from an
 * earlier size). The head names its service and key; the key is the app's
 * own claim, to be compared with the key the platform publishes.
 */
export async function treeHeadOf(db: Kysely<any>, service: string, size?: number) {
  let query = (db as Kysely<AuditDatabase>).selectFrom('audit_tree_head').selectAll();
  query =
    size === undefined
      ? query.orderBy('tree_size', 'desc').limit(1)
      : query.where('tree_size', '=', String(size));
  const h = await query.executeTakeFirst();
  if (!h && size !== undefined)
    throw new DomainError('NOT_FOUND', `no signed tree head of size ${size}`, {
      field: 'size',
      rule: 'tree_head',
    });
  return h ? served(service, h) : null;
}

/** Signed tree heads in size order, those above `after` leaves, a page at a time. */
export async function treeHeadsOf(db: Kysely<any>, service: string, after: number, limit: number) {
  const rows = await (db as Kysely<AuditDatabase>)
    .selectFrom('audit_tree_head')
    .selectAll()
    .where('tree_size', '>', String(after))
    .orderBy('tree_size')
    .limit(limit)
    .execute();
  return rows.map((h) => served(service, h));
}
