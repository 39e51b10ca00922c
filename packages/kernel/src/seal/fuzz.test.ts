import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getAlgorithm, SEAL_ALGORITHMS } from './algorithms.ts';
import { createRootCa, issueSealCertificate } from './certificates.ts';
import { fromBase64, toBase64 } from './encoding.ts';
import { type SealedSignature, sealDocument, verifySeal } from './seal.ts';

// verifySeal faces untrusted input: whatever arrives, it must return a verdict, never throw.
const document = new TextEncoder().encode('fuzzed document');
const pem = (body: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${toBase64(body)}\n-----END CERTIFICATE-----`;
const verdict = { valid: expect.any(Boolean) };

describe('verifySeal never throws', () => {
  const roots: string[] = [];
  const seals: SealedSignature[] = [];

  beforeAll(async () => {
    for (const algorithm of SEAL_ALGORITHMS) {
      const ca = await createRootCa({ name: 'Fuzz CA', algorithm, validityDays: 30 });
      const keys = await getAlgorithm(algorithm).generateKeyPair();
      const cert = await issueSealCertificate(ca, {
        subjectName: 'Fuzz Agency',
        agencyCode: 'FZ-1',
        publicKey: keys.publicKey,
        algorithm,
        validityDays: 30,
        serialNumber: '01',
      });
      roots.push(ca.certificate);
      const signedAt = new Date();
      seals.push(
        await sealDocument({
          document,
          algorithm,
          privateKey: keys.privateKey,
          certificateChain: [cert],
          signedAt,
        }),
      );
    }
  });

  it('on arbitrary values in every argument', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), fc.anything(), async (seal, roots, revocations) => {
        const result = await verifySeal({
          document,
          seal,
          trustedRoots: roots as string[],
          revocations: revocations as [],
        });
        expect(result).toMatchObject({ valid: false, reason: 'malformed' });
      }),
      { numRuns: 300 },
    );
    expect(await verifySeal(null as never)).toMatchObject({ reason: 'malformed' });
    expect(await verifySeal(undefined as never)).toMatchObject({ reason: 'malformed' });
  });

  it('on a valid seal with one field replaced by random strings', async () => {
    const field = fc.constantFrom('algorithm', 'digest', 'signedAt', 'signature', 'certificateChain');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(2),
        field,
        fc.oneof(fc.string(), fc.base64String(), fc.array(fc.string())),
        async (i, key, value) => {
          const seal = { ...seals[i]!, [key]: value };
          expect(
            await verifySeal({ document, seal, trustedRoots: [roots[i]!], revocations: [] }),
          ).toMatchObject({ valid: false });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on random bytes and bit flips inside PEM certificates and signatures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.uint8Array({ maxLength: 600 }), async (i, bytes) => {
        const seal = { ...seals[i]!, certificateChain: [pem(bytes)] };
        expect(
          await verifySeal({ document, seal, trustedRoots: [pem(bytes)], revocations: [] }),
        ).toMatchObject({ valid: false });
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(2), fc.nat(), fc.integer({ min: 1, max: 255 }), async (i, at, mask) => {
        const seal = seals[i]!;
        const der = fromBase64(seal.certificateChain[0]!.replace(/-----[A-Z ]+-----|\s/g, ''))!;
        der[at % der.length]! ^= mask;
        const sig = fromBase64(seal.signature)!;
        sig[at % sig.length]! ^= mask;
        const withCert = { ...seal, certificateChain: [pem(der)] };
        // A flipped certificate byte may land somewhere no check reads; it must still yield a verdict.
        expect(
          await verifySeal({ document, seal: withCert, trustedRoots: [roots[i]!], revocations: [] }),
        ).toMatchObject(verdict);
        const withSig = { ...seal, signature: toBase64(sig) };
        expect(
          await verifySeal({ document, seal: withSig, trustedRoots: [roots[i]!], revocations: [] }),
        ).toMatchObject({ valid: false });
      }),
      { numRuns: 60 },
    );
  });
});
