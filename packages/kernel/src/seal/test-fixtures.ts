import { getAlgorithm, type SealAlgorithm, type SealKeyPair } from './algorithms.ts';
import { type CertificateAuthority, createRootCa, issueSealCertificate } from './certificates.ts';
import { sealDocument } from './seal.ts';

// Shared by the seal tests (not exported from the package).
export const day = 86_400_000;
export const caStart = new Date('2020-01-01T00:00:00Z');
export const document = new TextEncoder().encode('Certificate of residence No. 2024-000123 — 张三');

export interface Fixture {
  ca: CertificateAuthority;
  keys: SealKeyPair;
  cert: string;
}

export async function fixture(
  algorithm: SealAlgorithm,
  caAlgorithm = algorithm,
  name = 'Platform Seal CA',
): Promise<Fixture> {
  const ca = await createRootCa({ name, algorithm: caAlgorithm, validityDays: 20 * 365, notBefore: caStart });
  const keys = await getAlgorithm(algorithm).generateKeyPair();
  const cert = await issueSealCertificate(ca, {
    subjectName: '北京市公安局 Beijing Public Security Bureau',
    agencyCode: '11110000000021135M',
    publicKey: keys.publicKey,
    algorithm,
    validityDays: 10 * 365,
    serialNumber: '7f01',
    notBefore: caStart,
  });
  return { ca, keys, cert };
}

export const seal = (f: Fixture, algorithm: SealAlgorithm, signedAt = new Date(), doc = document) =>
  sealDocument({
    document: doc,
    algorithm,
    privateKey: f.keys.privateKey,
    certificateChain: [f.cert],
    signedAt,
  });
