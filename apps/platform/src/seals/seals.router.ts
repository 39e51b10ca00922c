import { SEAL_ALGORITHMS, type SealAlgorithm } from '@egov/kernel/seal';
import { z } from 'zod';
import { assertNational } from '../access/scope.ts';
import { adminProcedure, procedure, router } from '../trpc.ts';
import {
  issueSeal,
  listSealCertificates,
  listSeals,
  MAX_SEAL_VALIDITY_DAYS,
  revokeSeal,
  trustAnchors,
} from './seal.service.ts';
import { text } from '@egov/kernel/trpc';

const Algorithm = z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]);
const Serial = z.string().regex(/^[0-9a-fA-F]{1,40}$/, 'must be the certificate serial number in hex');
const AgencyCode = z.string().min(1).max(64);

const IssueInput = z.strictObject({
  agencyCode: AgencyCode,
  subjectName: z.string().trim().min(1).max(256),
  algorithm: Algorithm.default('Ed25519'),
  // A PEM public key spans lines: the kernel's text policy admits line breaks only where a field says so.
  publicKey: text({ multiline: true, trim: false, min: 1, max: 4096 }),
  validityDays: z.number().int().min(1).max(MAX_SEAL_VALIDITY_DAYS),
});
/** RFC 5280 CRLReason names that apply to an end-entity certificate. */
const RevokeInput = z.strictObject({
  serialNumber: Serial,
  reason: z.enum([
    'unspecified',
    'keyCompromise',
    'affiliationChanged',
    'superseded',
    'cessationOfOperation',
  ]),
});
const ListInput = z.strictObject({ agencyCode: AgencyCode.optional() }).optional();
const NoInput = z.strictObject({}).optional();

/**
 * The platform's CA for agency seals (S8, S5.2). The security administrator
 * issues and revokes; anyone may fetch the trust anchors and verify a seal
 * offline with `verifySeal` from `@egov/kernel/seal`.
 */
export const sealsRouter = router({
  issue: adminProcedure('platform.seal.issue')
    .input(IssueInput)
    .output(z.object({ serialNumber: z.string(), certificate: z.string(), chain: z.array(z.string()) }))
    .mutation(async ({ ctx, input }) => {
      assertNational(ctx.principal, 'issue seal certificates');
      const issued = await issueSeal(ctx.db, input, ctx.now());
      ctx.audit.objects(`seal:${issued.serialNumber}`, `agency:${input.agencyCode}`);
      return issued;
    }),
  revoke: adminProcedure('platform.seal.revoke')
    .input(RevokeInput)
    .output(z.object({ serialNumber: z.string(), revokedAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      assertNational(ctx.principal, 'revoke seal certificates');
      ctx.audit.objects(`seal:${input.serialNumber.toLowerCase()}`);
      return revokeSeal(ctx.db, input.serialNumber, input.reason, ctx.now());
    }),
  /** Public: roots and revocations are what any verifier needs, and none of it is secret. */
  trustAnchors: procedure
    .public()
    .input(NoInput)
    .output(
      z.object({
        roots: z.array(z.object({ algorithm: Algorithm, certificate: z.string() })),
        revocations: z.array(z.object({ serialNumber: z.string(), revokedAt: z.string() })),
      }),
    )
    .query(({ ctx }) => trustAnchors(ctx.db)),
  list: adminProcedure('platform.seal.issue')
    .input(ListInput)
    .output(
      z.array(
        z.object({
          serialNumber: z.string(),
          agencyCode: z.string(),
          subjectName: z.string(),
          algorithm: Algorithm,
          issuedAt: z.string(),
          notAfter: z.string(),
          revokedAt: z.string().nullable(),
          reason: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listSeals(ctx.db, input?.agencyCode)),
  /**
   * The seal certificates the CA issued, with their PEM (which holds each agency's seal public
   * key), for the audit administrator checking sealed documents (docs/verifying.md).
   */
  certificates: procedure
    .requires('kernel.audit.read')
    .input(ListInput)
    .output(
      z.array(
        z.object({
          serialNumber: z.string(),
          agencyCode: z.string(),
          subjectName: z.string(),
          algorithm: Algorithm,
          certificate: z.string(),
          issuedAt: z.string(),
          notAfter: z.string(),
          revokedAt: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listSealCertificates(ctx.db, input?.agencyCode)),
});
