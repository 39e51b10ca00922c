import type { ColumnType, Generated } from 'kysely';

export interface AuditRecordTable {
  seq: Generated<string>;
  at: Date;
  actor: string;
  actor_agency: string | null;
  subject: string | null;
  service: string;
  procedure: string;
  kind: string;
  object_ids: ColumnType<string[], string, string>;
  outcome: string;
  error_code: string | null;
  source_address: string | null;
  trace_id: string;
  request_id: string;
  /** The client's validated `X-Request-Id` (migration `20261203T1900_kernel_audit_correlation`). */
  correlation_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface AuditLeafTable {
  leaf_index: string;
  record_seq: string;
  leaf_hash: Uint8Array;
}

export interface AuditTreeHeadTable {
  tree_size: string;
  root_hash: Uint8Array;
  issued_at: Date;
  key_id: string;
  signature: string;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  compact_range: ColumnType<string[], string, string>;
}

export interface AuditPruneTable {
  id: Generated<string>;
  before: Date;
  before_leaf: string;
  archive_sha256: string;
  at: Date;
}

/** The root of a perfect subtree of 2^level leaves (level 1 and up), the node_index-th from the left. */
export interface AuditNodeTable {
  level: number;
  node_index: string;
  hash: Uint8Array;
}

/** The audit tables, as they appear in every app's schema. */
export interface AuditDatabase {
  audit_record: AuditRecordTable;
  audit_leaf: AuditLeafTable;
  audit_tree_head: AuditTreeHeadTable;
  audit_prune: AuditPruneTable;
  audit_node: AuditNodeTable;
}
