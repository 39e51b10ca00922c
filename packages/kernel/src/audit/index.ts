/**
 * The tamper-evident audit log (GB/T 22239-2019 8.1.4.3; RFC 6962 Merkle
 * trees): records appended by the kernel in the act's own transaction,
 * sequenced into a Merkle tree in batches, signed tree heads, proofs,
 * verification, archives and retention.
 */
export { appendAudit, appendAuditRows, entryFromRow } from './append.ts';
export { type ArchiveTrust, type KeptTreeHead, verifyArchive, writeArchive } from './archive.ts';
export { integrate } from './integrate.ts';
export { AUDIT_TABLES, auditMigrations } from './migrations.ts';
export {
  auditQueryInput,
  consistencyProofFor,
  inclusionProofFor,
  queryAudit,
  type ServedTreeHead,
  treeHeadOf,
  treeHeadsOf,
} from './query.ts';
export {
  type AuditEntry,
  type AuditKind,
  type AuditOutcome,
  canonicalBytes,
  escapeControl,
} from './record.ts';
export { pruneAudit, RETENTION_MONTHS, retentionCutoff } from './retention.ts';
export { assertObjectName, type AuditScope } from './scope.ts';
export { type AuditSequencer, startAuditSequencer } from './sequencer.ts';
export { loadSnapshot } from './snapshot.ts';
export type { AuditDatabase } from './table.ts';
export { type AuditSigner, signTreeHead, type TreeHead, verifyTreeHead } from './tree-head.ts';
export { type AuditProblem, type AuditSnapshot, type AuditVerification, verifySnapshot } from './verify.ts';
export { type AuditWriter, createAuditWriter } from './group-writer.ts';
