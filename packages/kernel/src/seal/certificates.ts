import { getAlgorithm, type SealAlgorithm, type SealKeyPair, type SealPublicKey } from './algorithms.ts';
import { bufferSource } from './encoding.ts';
import { ORGANIZATION_IDENTIFIER_OID } from './parse.ts';
import { x509 } from './x509.ts';
import { x509Crypto, x509SigningKey } from './x509-crypto.ts';

const DAY_MS = 86_400_000;
const { digitalSignature, nonRepudiation, keyCertSign, cRLSign } = x509.KeyUsageFlags;

/** A CA as the platform persists it: its certificate (PEM) and key pair (export keys via getAlgorithm). */
export interface CertificateAuthority {
  certificate: string;
  keys: SealKeyPair;
}

interface Validity {
  validityDays: number;
  notBefore?: Date;
}

/**
 * Attribute values go in as UTF8String objects: given a plain string, @peculiar/x509 re-parses it as
 * RFC 4514 text (quotes stripped, a leading '#' read as hex DER), which would mangle agency names.
 */
function dn(attributes: Record<string, string>): x509.Name {
  const entries = Object.entries(attributes);
  if (entries.some(([, v]) => v.length === 0 || v.length > 256))
    throw new RangeError('names must be 1-256 chars');
  return new x509.Name(entries.map(([type, value]) => ({ [type]: [{ utf8String: value }] })));
}

const spkiOf = async (key: { algorithm: SealAlgorithm; publicKey: SealPublicKey }) =>
  bufferSource(await getAlgorithm(key.algorithm).publicKeyToSpki(key.publicKey));

/** One signing path for every certificate, so roots, intermediates and seals differ only in what they say. */
async function issue(
  opts: Validity & {
    subject: x509.Name;
    subjectKey: { algorithm: SealAlgorithm; publicKey: SealPublicKey };
    issuer: CertificateAuthority | null; // null: self-signed by `signer`
    signer: SealKeyPair;
    ca: boolean;
    serialNumber?: string;
  },
): Promise<string> {
  const { validityDays, notBefore = new Date(), serialNumber: serial } = opts;
  if (!Number.isInteger(validityDays) || validityDays < 1) throw new RangeError('validityDays must be >= 1');
  if (serial !== undefined && (!/^[0-9a-fA-F]{1,40}$/.test(serial) || /^0+$/.test(serial))) {
    // The library silently replaces an empty/zero serial with a random one; refuse rather than surprise.
    throw new RangeError('serialNumber must be 1-40 hex digits and not zero');
  }
  const spki = await spkiOf(opts.subjectKey);
  const usage = opts.ca ? keyCertSign | cRLSign : digitalSignature | nonRepudiation;
  const cert = await x509.X509CertificateGenerator.create(
    {
      ...(serial ? { serialNumber: serial.length % 2 ? `0${serial}` : serial } : {}),
      notBefore,
      notAfter: new Date(notBefore.getTime() + validityDays * DAY_MS),
      subject: opts.subject,
      issuer: opts.issuer ? new x509.X509Certificate(opts.issuer.certificate).subjectName : opts.subject,
      publicKey: spki,
      signingKey: x509SigningKey(opts.signer.privateKey),
      extensions: [
        new x509.BasicConstraintsExtension(opts.ca, undefined, true),
        new x509.KeyUsagesExtension(usage, true),
        await x509.SubjectKeyIdentifierExtension.create(spki, false, x509Crypto),
        await x509.AuthorityKeyIdentifierExtension.create(await spkiOf(opts.signer), false, x509Crypto),
      ],
    },
    x509Crypto,
  );
  return cert.toString('pem');
}

/**
 * A self-signed root CA (basicConstraints cA, keyCertSign + cRLSign). SM2 CAs sign SM2-with-SM3
 * (OID 1.2.156.10197.1.501, default user id) like GM/T 0015 certificates; OpenSSL 3 verifies them
 * given `-vfyopt distid:1234567812345678`.
 * @example
 * const root = await createRootCa({ name: 'Platform Seal CA', algorithm: 'Ed25519', validityDays: 3650 });
 */
export async function createRootCa(
  opts: { name: string; algorithm: SealAlgorithm } & Validity,
): Promise<CertificateAuthority> {
  return newCa(null, opts);
}

/**
 * A subordinate CA signed by `parent`, so the root key can stay offline. Its algorithm may differ from the parent's.
 * @example
 * const issuing = await createIntermediateCa(root, { name: 'Agency Seal CA 1', algorithm: 'SM2-SM3',
 *   validityDays: 1825, serialNumber: '1001' });
 */
export async function createIntermediateCa(
  parent: CertificateAuthority,
  opts: { name: string; algorithm: SealAlgorithm; serialNumber: string } & Validity,
): Promise<CertificateAuthority> {
  return newCa(parent, opts);
}

async function newCa(
  parent: CertificateAuthority | null,
  opts: { name: string; algorithm: SealAlgorithm; serialNumber?: string } & Validity,
): Promise<CertificateAuthority> {
  const keys = await getAlgorithm(opts.algorithm).generateKeyPair();
  const subject = dn({ CN: opts.name });
  const certificate = await issue({
    ...opts,
    subject,
    subjectKey: keys,
    issuer: parent,
    signer: parent?.keys ?? keys,
    ca: true,
  });
  return { certificate, keys };
}

/**
 * Issues an agency's seal certificate: CN = agency name, organizationIdentifier (2.5.4.97) = agency
 * code, keyUsage digitalSignature + nonRepudiation (critical), not a CA. Algorithms mix freely: the
 * CA's key signs (e.g. P-256) while the subject key may be another algorithm (e.g. SM2).
 * @example
 * const pem = await issueSealCertificate(ca, { subjectName: 'Ministry of Finance', agencyCode: 'MOF-001',
 *   publicKey: sealKeys.publicKey, algorithm: 'Ed25519', validityDays: 365, serialNumber: '0a1b' });
 */
export async function issueSealCertificate(
  ca: CertificateAuthority,
  opts: {
    subjectName: string;
    agencyCode: string;
    publicKey: SealPublicKey;
    /** Algorithm of `publicKey` (the CA signs with its own). */
    algorithm: SealAlgorithm;
    /** Hex, unique per CA: revocations refer to it. */
    serialNumber: string;
  } & Validity,
): Promise<string> {
  const subject = dn({ CN: opts.subjectName, [ORGANIZATION_IDENTIFIER_OID]: opts.agencyCode });
  return issue({ ...opts, subject, subjectKey: opts, issuer: ca, signer: ca.keys, ca: false });
}
