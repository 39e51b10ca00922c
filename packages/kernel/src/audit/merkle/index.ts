/**
 * RFC 6962 / RFC 9162 Merkle trees over SHA-256: tree hashes, an incremental compact range,
 * inclusion and consistency proofs and their verifiers — the core of the tamper-evident audit log.
 */
export { emptyRoot, HASH_SIZE, leafHash, nodeHash } from './hash.ts';
export {
  consistencyPath,
  consistencyProof,
  inclusionPath,
  inclusionProof,
  type RangeRoot,
} from './proofs.ts';
export { joinSubtrees, type Subtree, subtreesOf } from './subtrees.ts';
export { CompactRange, type CompactRangeState, rootFromLeafHashes } from './tree.ts';
export {
  verifyConsistency,
  verifyConsistencyOrReason,
  verifyInclusion,
  verifyInclusionOrReason,
} from './verify.ts';
