import {
  createRootCa,
  getAlgorithm,
  issueSealCertificate,
  SEAL_ALGORITHMS,
  type SealAlgorithm,
  type Sm2PrivateKey,
  type Sm2PublicKey,
  sealDocument,
  sealMessage,
  verifySeal,
} from '@egov/kernel/seal';
// The SM2 implementation before issue 13 (sm-crypto 0.3), kept in the kernel for its interop test.
import { sm2SignBefore, sm2VerifyBefore } from '../../packages/kernel/src/seal/sm2-before.fixture.ts';
import { randomScalarHex } from '../../packages/kernel/src/seal/sm2.ts';
import { benchSeconds, compare, num, type Report, ratio, timed } from './measure.ts';

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
 *
 * For SM2-SM3 also (issue 13): the raw sign and verify of the implementation before issue 13
 * (sm-crypto 0.3.14, kept in the kernel as the interop test's reference) against today's, in the
 * same run; and today's raw verify with a key it has not seen recently (100 keys in turn: the
 * verifier keeps a precomputed table for 64 recently seen keys, so each call is a cold one).
 */
export interface SealFigures {
  /** Per second, per algorithm. */
  algorithms: Record<
    SealAlgorithm,
    { sealDocument: number; rawSign: number; verifySeal: number; rawVerify: number }
  >;
  /** SM2-SM3 only: sm-crypto 0.3.14 against today's raw sign and verify, and a cold-key verify. */
  sm2: { signBefore: number; signNow: number; verifyBefore: number; verifyNow: number; coldVerify: number };
}
export const sealBenchmark = {
  name: 'seal sign and verify',
  async run(): Promise<Report<SealFigures>> {
    // 4 measured pairs per algorithm (seal, verify × subject, baseline): a quarter of BENCH_SECONDS each.
    const seconds = benchSeconds() / 4;
    const lines = [
      this.name,
      `  method:   per algorithm, ${DOCUMENT.length}-byte document; each side back to back for ${seconds} s ` +
        `(warm-up 10 %, halves S B B S); baseline = getAlgorithm(a).sign/verify over the same seal message`,
    ];
    const algorithms = {} as SealFigures['algorithms'];
    for (const algorithm of SEAL_ALGORITHMS) {
      const m = await measure(algorithm, seconds);
      algorithms[algorithm] = m.figures;
      lines.push(...m.lines);
    }
    const sm2 = await sm2AgainstBefore(seconds);
    lines.push(...sm2.lines);
    return { text: lines.join('\n'), figures: { algorithms, sm2: sm2.figures } };
  },
};

async function measure(
  algorithm: SealAlgorithm,
  seconds: number,
): Promise<{ lines: string[]; figures: SealFigures['algorithms'][SealAlgorithm] }> {
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
  return {
    lines: [`  ${algorithm}`, line('sealDocument', sealing), line('verifySeal  ', verifying)],
    figures: {
      sealDocument: sealing.subject.perSecond,
      rawSign: sealing.baseline.perSecond,
      verifySeal: verifying.subject.perSecond,
      rawVerify: verifying.baseline.perSecond,
    },
  };
}

/** SM2-SM3 raw sign and verify: today's implementation against sm-crypto 0.3.14's, same message, same run. */
async function sm2AgainstBefore(seconds: number): Promise<{ lines: string[]; figures: SealFigures['sm2'] }> {
  const impl = getAlgorithm('SM2-SM3');
  const message = sealMessage('SM2-SM3', 'ab'.repeat(32), new Date().toISOString());
  const keys = await impl.generateKeyPair();
  const privateKey = keys.privateKey as Sm2PrivateKey;
  const point = (keys.publicKey as Sm2PublicKey).point;
  const signature = await impl.sign(privateKey, message);
  // Both directions once, or we would be timing refusals.
  if (!sm2VerifyBefore(point, message, signature))
    throw new Error("SM2: sm-crypto 0.3 refuses today's signature");
  const before = sm2SignBefore(privateKey, message, randomScalarHex());
  if (!(await impl.verify(keys.publicKey, message, before)))
    throw new Error("SM2: today refuses sm-crypto 0.3's");

  const signing = await compare(
    () => impl.sign(privateKey, message),
    async () => sm2SignBefore(privateKey, message, randomScalarHex()),
    seconds,
  );
  const verifying = await compare(
    () => impl.verify(keys.publicKey, message, signature),
    async () => sm2VerifyBefore(point, message, signature),
    seconds,
  );
  // Cold keys: more keys in turn than the verifier keeps tables for.
  const cold = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const k = await impl.generateKeyPair();
      return { publicKey: k.publicKey, signature: await impl.sign(k.privateKey, message) };
    }),
  );
  const coldVerify = await timed(async (i) => {
    const c = cold[i % cold.length]!;
    if (!(await impl.verify(c.publicKey, message, c.signature))) throw new Error('SM2: cold verify refused');
  }, seconds);
  const line = (what: string, c: typeof signing) =>
    `    ${what}: ${num(c.subject.perSecond)}/s vs sm-crypto 0.3.14 ${num(c.baseline.perSecond)}/s → ` +
    `${ratio(c.subject.perSecond, c.baseline.perSecond)} (today's raw against the implementation before issue 13)`;
  return {
    lines: [
      '  SM2-SM3 against sm-crypto 0.3.14 (the implementation before issue 13), raw, same seal message',
      line('sign  ', signing),
      line('verify', verifying),
      `    verify with a key not seen recently (100 keys in turn, tables kept for 64): ${num(coldVerify.perSecond)}/s ` +
        `(${ratio(coldVerify.perSecond, verifying.baseline.perSecond)} of sm-crypto 0.3.14's verify)`,
    ],
    figures: {
      signBefore: signing.baseline.perSecond,
      signNow: signing.subject.perSecond,
      verifyBefore: verifying.baseline.perSecond,
      verifyNow: verifying.subject.perSecond,
      coldVerify: coldVerify.perSecond,
    },
  };
}
