import type { SealAlgorithm } from './algorithms.ts';
import { x509 } from './x509.ts';
import { keyAlgorithmOf, signatureAlgorithmOf } from './x509-crypto.ts';

/** X.520 organizationIdentifier — the subject attribute eIDAS seal certificates use for an organisation's registry code. */
export const ORGANIZATION_IDENTIFIER_OID = '2.5.4.97';
export interface ParsedCertificate {
  subject: string;
  commonName: string | null;
  agencyCode: string | null;
  issuer: string;
  /** Lowercase hex, as revocations must quote it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Algorithm of the subject key (null: not a seal algorithm). */
  keyAlgorithm: SealAlgorithm | null;
  /** Algorithm the issuer signed this certificate with. */
  signatureAlgorithm: SealAlgorithm | null;
  isCa: boolean;
  /** Not a CA, and keyUsage has both digitalSignature and nonRepudiation. */
  canSeal: boolean;
}

// Parsing dominates verification cost (~1 ms per certificate, vs ~0.1 ms for an Ed25519 verify) and
// the same agency and root certificates recur in every seal, so parses are memoized by exact PEM text.
// Pure memoization: same input, same object; failures are not cached. FIFO-bounded.
const cache = new Map<string, x509.X509Certificate>();
const CACHE_LIMIT = 512;

/**
 * Strict PEM only (@peculiar/x509 would also guess at hex/base64 strings), and strict DER: the
 * parser tolerates some malformed encodings (e.g. a wrong outer length), so we re-encode the parsed
 * certificate and demand the same bytes — otherwise one signed certificate would have many spellings.
 */
export function loadCertificate(pem: string): x509.X509Certificate {
  const cached = cache.get(pem);
  if (cached) return cached;
  if (!/^\s*-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/.test(pem)) {
    throw new TypeError('not a single PEM certificate');
  }
  const cert = new x509.X509Certificate(pem);
  const asn = (cert as unknown as { asn: ConstructorParameters<typeof x509.X509Certificate>[0] }).asn;
  if (!Buffer.from(new x509.X509Certificate(asn).rawData).equals(Buffer.from(cert.rawData))) {
    throw new TypeError('certificate is not DER-encoded');
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pem, cert);
  return cert;
}

/**
 * Reads the fields the platform shows and stores. Throws a TypeError on anything but one PEM certificate.
 * @example
 * const { agencyCode, serialNumber, notAfter } = parseCertificate(pem);
 */
export function parseCertificate(pem: string): ParsedCertificate {
  return describeCertificate(loadCertificate(pem));
}

/** parseCertificate for an already-loaded certificate. */
export function describeCertificate(cert: x509.X509Certificate): ParsedCertificate {
  const usage = cert.getExtension(x509.KeyUsagesExtension)?.usages ?? 0;
  const sealUsage = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  const isCa = cert.getExtension(x509.BasicConstraintsExtension)?.ca === true;
  return {
    subject: cert.subject,
    commonName: cert.subjectName.getField('CN')[0] ?? null,
    agencyCode: cert.subjectName.getField(ORGANIZATION_IDENTIFIER_OID)[0] ?? null,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyAlgorithm: keyAlgorithmOf(cert),
    signatureAlgorithm: signatureAlgorithmOf(cert),
    isCa,
    canSeal: !isCa && (usage & sealUsage) === sealUsage,
  };
}
