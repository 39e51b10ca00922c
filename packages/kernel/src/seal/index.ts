/**
 * @egov/kernel/seal — electronic seals for official documents (blueprint S8, trust system S5.2):
 * an X.509 CA for agencies (@peculiar/x509), detached seals over a document digest, and offline
 * verification against trusted roots and a revocation list. Pure functions, no storage.
 */
export {
  type AlgorithmImpl,
  getAlgorithm,
  isSealAlgorithm,
  SEAL_ALGORITHMS,
  type SealAlgorithm,
  type SealKeyPair,
  type SealPrivateKey,
  type SealPublicKey,
  type Sm2PrivateKey,
  type Sm2PublicKey,
} from './algorithms.ts';
export {
  type CertificateAuthority,
  createIntermediateCa,
  createRootCa,
  issueSealCertificate,
} from './certificates.ts';
export { MAX_CHAIN_LENGTH, type Revocation, type SealFailureReason } from './chain.ts';
export { ORGANIZATION_IDENTIFIER_OID, type ParsedCertificate, parseCertificate } from './parse.ts';
export {
  type SealedSignature,
  type SealVerification,
  sealDocument,
  sealMessage,
  verifySeal,
} from './seal.ts';
export { SM2_DEFAULT_USER_ID, sm3 } from './sm2.ts';
export { SM2_WITH_SM3_OID } from './x509-crypto.ts';
