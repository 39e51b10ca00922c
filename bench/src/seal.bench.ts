import {
  createRootCa,
  getAlgorithm,
  issueSealCertificate,
  SEAL_ALGORITHMS,
  type SealAlgorithm,
  sealDocument,
  sealMessage,
  verifySeal,
} from '@egov/kernel/seal';
import { benchSeconds, compare, num, ratio } from './measure.ts';

/** A 4 KiB document: a short certificate of residence, about the size of its text content. */
const DOCUMENT = new TextEncoder()
  .encode('Certificate of residence No. 2024-000123 — 张三\n'.repeat(80))
  .slice(0, 4096);
const CA_START = new Date('2020-01-01T00:00:00Z');

/**
 * Per algorithm (Ed25519, ECDSA P-256/SHA-256, SM2/SM3): documents sealed and
 * seals verified per second through `sealDocument` and `verifySeal` (a root
 * CA and a seal certificate issued by it, as in the kernel's seal tests)
 * versus the raw algorithm `getAlgorithm(a).sign` / `.verify` over the same
 * bytes the seal signs (the seal message carrying the document's digest), in
 * the same run. `sealDocument` adds the document digest and encoding;
 * `verifySeal` adds input validation, PEM/X.509 parsing of the chain and the
 * trusted root, the digest, and the chain check (a second signature
 * verification: the CA's over the seal certificate).
 */
export const sealBenchmark = {
  name: 'seal sign and verify',
  async run(): Promise<string> {
    // 4 measured pairs per algorithm (seal, verify × subject, baseline): a quarter of BENCH_SECONDS each.
    const seconds = benchSeconds() / 4;
    const lines = [
      this.name,
      `  method:   per algorithm, ${DOCUMENT.length}-byte document; each side back to back for ${seconds} s ` +
        `(warm-up 10 %, halves S B B S); baseline = getAlgorithm(a).sign/verify over the same seal message`,
    ];
    for (const algorithm of SEAL_ALGORITHMS) lines.push(...(await measure(algorithm, seconds)));
    return lines.join('\n');
  },
};

async function measure(algorithm: SealAlgorithm, seconds: number): Promise<string[]> {
  const impl = getAlgorithm(algorithm);
  const ca = await createRootCa({
    name: 'Bench Seal CA',
    algorithm,
    validityDays: 20 * 365,
    notBefore: CA_START,
  });
  const keys = await impl.generateKeyPair();
  const cert = await issueSealCertificate(ca, {
    subjectName: '北京市公安局 Beijing Public Security Bureau',
    agencyCode: '11110000000021135M',
    publicKey: keys.publicKey,
    algorithm,
    validityDays: 10 * 365,
    serialNumber: '7f01',
    notBefore: CA_START,
  });
  const signedAt = new Date();
  const seal = await sealDocument({
    document: DOCUMENT,
    algorithm,
    privateKey: keys.privateKey,
    certificateChain: [cert],
    signedAt,
  });
  const verifyInput = { document: DOCUMENT, seal, trustedRoots: [ca.certificate], revocations: [] };
  const check = await verifySeal(verifyInput);
  if (!check.valid) throw new Error(`${algorithm}: the benchmark seal does not verify: ${check.message}`);
  // The exact bytes the seal signs, and its signature: what the raw algorithm signs and verifies.
  const message = sealMessage(algorithm, seal.digest, seal.signedAt);
  const signature = await impl.sign(keys.privateKey, message);
  if (!(await impl.verify(keys.publicKey, message, signature))) throw new Error(`${algorithm}: raw verify`);

  const sealing = await compare(
    () =>
      sealDocument({
        document: DOCUMENT,
        algorithm,
        privateKey: keys.privateKey,
        certificateChain: [cert],
        signedAt,
      }),
    () => impl.sign(keys.privateKey, message),
    seconds,
  );
  const verifying = await compare(
    async () => {
      const r = await verifySeal(verifyInput);
      if (!r.valid) throw new Error('seal stopped verifying');
    },
    () => impl.verify(keys.publicKey, message, signature),
    seconds,
  );
  const line = (what: string, c: typeof sealing) =>
    `    ${what}: ${num(c.subject.perSecond)}/s vs raw ${num(c.baseline.perSecond)}/s → ` +
    `${ratio(c.subject.perSecond, c.baseline.perSecond)} of baseline throughput`;
  return [`  ${algorithm}`, line('sealDocument', sealing), line('verifySeal  ', verifying)];
}
