import { z } from 'zod';
import { getAlgorithm, SEAL_ALGORITHMS, type SealAlgorithm, type SealPrivateKey } from './algorithms.ts';
import { type Revocation, type SealFailure, type SealFailureReason, validateChain } from './chain.ts';
import { fromBase64, toBase64, toHex } from './encoding.ts';
import { describeCertificate, loadCertificate } from './parse.ts';
import { keyAlgorithmOf } from './x509-crypto.ts';

/** A detached seal: everything a verifier needs besides the document and its own trusted roots. */
export interface SealedSignature {
  algorithm: SealAlgorithm;
  /** Lowercase hex of the document digest (SHA-256, or SM3 for SM2-SM3). */
  digest: string;
  /** ISO 8601 UTC with milliseconds, exactly as `Date#toISOString` writes it. */
  signedAt: string;
  /** Base64 of the signature over `sealMessage(...)`; 64 bytes for all three algorithms. */
  signature: string;
  /** PEM certificates, seal certificate first, each signed by the next (the root may be omitted). */
  certificateChain: string[];
}

export type SealVerification =
  | { valid: true; signer: { subject: string; serialNumber: string; agencyCode: string | null } }
  | { valid: false; reason: SealFailureReason; message: string };

/**
 * The bytes a seal signature covers: versioned and line-separated; every field has a fixed alphabet,
 * so the encoding is unambiguous. Exposed so other tools (e.g. OpenSSL) can re-verify a seal.
 * @example sealMessage('Ed25519', seal.digest, seal.signedAt) // 'egov-seal:v1\nEd25519\n<hex>\n<iso>\n'
 */
export function sealMessage(algorithm: SealAlgorithm, digestHex: string, signedAtIso: string): Uint8Array {
  return new TextEncoder().encode(`egov-seal:v1\n${algorithm}\n${digestHex}\n${signedAtIso}\n`);
}

const isCanonicalIso = (s: string) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s;
const validDate = z.date().refine((d) => !Number.isNaN(d.getTime()));
const sealSchema = z.strictObject({
  algorithm: z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string().max(32).refine(isCanonicalIso),
  signature: z.string().max(1024),
  certificateChain: z.array(z.string().max(32_768)).min(1).max(8),
});
const inputSchema = z.object({
  document: z.instanceof(Uint8Array),
  seal: sealSchema,
  trustedRoots: z.array(z.string().max(32_768)).min(1).max(64),
  revocations: z.array(
    z.object({ serialNumber: z.string().regex(/^[0-9a-fA-F]{1,64}$/), revokedAt: validDate }),
  ),
  now: validDate.optional(),
});
/** Tolerated lead of signedAt over the verifier's clock. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Seals a document: digest it, then sign (algorithm, digest, signedAt) so the time is covered too.
 * Does not parse the chain (kept cheap for bulk signing); throws on a key of the wrong algorithm.
 * @example
 * const seal = await sealDocument({ document: pdfBytes, algorithm: 'Ed25519', privateKey: keys.privateKey,
 *   certificateChain: [sealCertPem], signedAt: new Date() });
 */
export async function sealDocument(opts: {
  document: Uint8Array;
  algorithm: SealAlgorithm;
  privateKey: SealPrivateKey;
  certificateChain: string[];
  signedAt: Date;
}): Promise<SealedSignature> {
  const impl = getAlgorithm(opts.algorithm);
  const signedAt = opts.signedAt.toISOString(); // throws RangeError for an invalid Date
  const digest = toHex(await impl.digest(opts.document));
  const signature = await impl.sign(opts.privateKey, sealMessage(opts.algorithm, digest, signedAt));
  return {
    algorithm: opts.algorithm,
    digest,
    signedAt,
    signature: toBase64(signature),
    certificateChain: [...opts.certificateChain],
  };
}

/**
 * Verifies a seal offline, from its arguments only. Never throws: garbage of any shape is `malformed`.
 * Checks, in order: shape → digest_mismatch → bad_signature → untrusted_chain → certificate_expired
 * (at signedAt) → revoked (revokedAt <= signedAt). signedAt is the signer's claim: the platform should
 * record sealing times independently (audit log) since a stolen key can backdate before its revocation.
 * @example
 * const r = await verifySeal({ document, seal, trustedRoots: [rootPem], revocations: [] });
 * if (!r.valid) console.log(r.reason, r.message);
 */
export async function verifySeal(input: {
  document: Uint8Array;
  seal: SealedSignature | unknown;
  trustedRoots: string[];
  revocations: Revocation[];
  now?: Date;
}): Promise<SealVerification> {
  try {
    return await verify(input);
  } catch (error) {
    // Every known failure is returned, not thrown; this is the backstop for library surprises.
    return malformed(`unreadable input: ${(error as Error)?.message ?? error}`);
  }
}

async function verify(input: unknown): Promise<SealVerification> {
  const parsed = inputSchema.safeParse(input);
  const issue = parsed.error?.issues[0];
  if (!parsed.success) return malformed(`invalid input at ${issue?.path.join('.')}: ${issue?.message}`);
  const { document, seal, trustedRoots, revocations, now = new Date() } = parsed.data;
  const signedAt = new Date(seal.signedAt);
  if (signedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return malformed('signedAt is in the future');
  const signature = fromBase64(seal.signature);
  if (!signature) return malformed('signature is not canonical base64');
  const chain = loadAll(seal.certificateChain);
  const roots = loadAll(trustedRoots);
  if (!chain) return malformed('certificateChain holds something that is not a DER certificate in PEM');
  if (!roots) return malformed('trustedRoots holds something that is not a DER certificate in PEM');

  const impl = getAlgorithm(seal.algorithm);
  if (toHex(await impl.digest(document)) !== seal.digest) {
    return fail('digest_mismatch', `the document's ${seal.algorithm} digest differs from the sealed one`);
  }
  const leaf = chain[0]!;
  if (keyAlgorithmOf(leaf) !== seal.algorithm) {
    return fail('bad_signature', `the seal certificate's key is not a ${seal.algorithm} key`);
  }
  const key = await impl.publicKeyFromSpki(new Uint8Array(leaf.publicKey.rawData));
  if (!(await impl.verify(key, sealMessage(seal.algorithm, seal.digest, seal.signedAt), signature))) {
    return fail('bad_signature', 'the signature does not match the seal certificate key');
  }
  const failure = await validateChain(chain, roots, signedAt, revocations);
  if (failure) return failure;
  const { subject, serialNumber, agencyCode } = describeCertificate(leaf);
  return { valid: true, signer: { subject, serialNumber, agencyCode } };
}

function loadAll(pems: string[]) {
  try {
    return pems.map(loadCertificate);
  } catch {
    return null;
  }
}
const fail = (reason: SealFailureReason, message: string): SealFailure => ({ valid: false, reason, message });
const malformed = (message: string) => fail('malformed', message);
