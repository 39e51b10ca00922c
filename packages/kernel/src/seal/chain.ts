import { normalizeSerial } from './encoding.ts';
import { describeCertificate } from './parse.ts';
import { x509 } from './x509.ts';
import { fingerprint, x509Crypto } from './x509-crypto.ts';

export type SealFailureReason =
  | 'digest_mismatch'
  | 'bad_signature'
  | 'untrusted_chain'
  | 'certificate_expired'
  | 'revoked'
  | 'malformed';
export interface SealFailure {
  valid: false;
  reason: SealFailureReason;
  message: string;
}
/** A revoked certificate: signatures dated at or after `revokedAt` stop verifying; earlier ones stay valid. */
export interface Revocation {
  /** Hex, as in the certificate (case and leading zero octets ignored). */
  serialNumber: string;
  revokedAt: Date;
}

/** Longer chains than any our CA issues are refused before any signature work. */
export const MAX_CHAIN_LENGTH = 8;

const fail = (reason: SealFailureReason, message: string): SealFailure => ({ valid: false, reason, message });

/** May `issuer` sign certificates? basicConstraints cA, and keyCertSign if it states a key usage. */
function isCa(cert: x509.X509Certificate): boolean {
  const usage = cert.getExtension(x509.KeyUsagesExtension);
  const canSignCerts = !usage || (usage.usages & x509.KeyUsageFlags.keyCertSign) !== 0;
  return cert.getExtension(x509.BasicConstraintsExtension)?.ca === true && canSignCerts;
}

async function signedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  if (cert.issuer !== issuer.subject || !isCa(issuer)) return false;
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }, x509Crypto);
  } catch {
    return false; // unparseable signature value or a key of another algorithm: simply not signed by it
  }
}

/**
 * Offline path validation at time `at` (the seal's signedAt, not "now": a seal made while everything
 * was valid stays valid after the certificate expires). `chain` is leaf first; it may end with the
 * root, but trust comes only from `roots`. Returns null when the path is good, else the first failure
 * in the order: untrusted_chain, certificate_expired, revoked.
 * @example
 * const failure = await validateChain([leaf], [root], signedAt, []); // null when trusted
 */
export async function validateChain(
  chain: x509.X509Certificate[],
  roots: x509.X509Certificate[],
  at: Date,
  revocations: Revocation[],
): Promise<SealFailure | null> {
  const leaf = chain[0];
  if (!leaf || chain.length > MAX_CHAIN_LENGTH)
    return fail('malformed', `chain must hold 1-${MAX_CHAIN_LENGTH} certificates`);
  if (!describeCertificate(leaf).canSeal) {
    return fail('untrusted_chain', 'the signing certificate is not a seal certificate (key usage / CA flag)');
  }
  const rootPrints = new Set(await Promise.all(roots.map(fingerprint)));
  const path = [...chain];
  const last = path.at(-1);
  if (path.length > 1 && last && rootPrints.has(await fingerprint(last))) path.pop();

  for (let i = 0; i + 1 < path.length; i++) {
    if (!(await signedBy(path[i]!, path[i + 1]!))) {
      return fail(
        'untrusted_chain',
        `certificate ${i} (${path[i]!.subject}) is not signed by the next one in the chain`,
      );
    }
  }
  const top = path.at(-1)!;
  let anchor: x509.X509Certificate | undefined;
  for (const root of roots) {
    if (await signedBy(top, root)) {
      anchor = root;
      break;
    }
  }
  if (!anchor) return fail('untrusted_chain', `no trusted root issued ${top.subject} (issuer ${top.issuer})`);

  for (const cert of [...path, anchor]) {
    if (at < cert.notBefore || at > cert.notAfter) {
      const when = at < cert.notBefore ? 'not yet valid' : 'expired';
      return fail('certificate_expired', `${cert.subject} was ${when} at ${at.toISOString()}`);
    }
  }
  for (const cert of path) {
    const serial = normalizeSerial(cert.serialNumber);
    const hit = revocations.find((r) => normalizeSerial(r.serialNumber) === serial && r.revokedAt <= at);
    if (hit) {
      return fail(
        'revoked',
        `${cert.subject} (serial ${serial}) was revoked at ${hit.revokedAt.toISOString()}`,
      );
    }
  }
  return null;
}
