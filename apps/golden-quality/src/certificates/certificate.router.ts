import { recorderOf } from '@egov/kernel/trpc';
import { chinaDate, creditCodeSchema, pastDateSchema } from '@egov/standards';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { ASSESSMENT_STEPS, validityOn } from './certificate.rules.ts';
import {
  applyForCertificate,
  type Certificate,
  certificateStanding,
  getCertificate,
  recordAssessment,
  recordFollowUp,
  searchCertificates,
} from './certificate.service.ts';

const numberInput = z.string().regex(/^CCC-\d{4}-\d{8}$/, 'a certificate number reads CCC-YYYY-NNNNNNNN');
/** A 10-digit commodity code of the customs tariff (HS based). */
export const commodityCodeInput = z.string().regex(/^\d{10}$/, 'a commodity code is 10 digits');
const noteInput = z.string().trim().min(2).max(1000);

export const CertificateView = z.strictObject({
  number: z.string(),
  holderCreditCode: z.string(),
  productName: z.string(),
  model: z.string(),
  commodityCode: z.string(),
  stage: z.enum([
    'applied',
    'documents_reviewed',
    'type_tested',
    'factory_inspected',
    'valid',
    'suspended',
    'refused',
  ]),
  /** What it is worth today: valid, suspended, expired, not_issued or refused. */
  validity: z.enum(['valid', 'suspended', 'expired', 'not_issued', 'refused']),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  lastFollowUpOn: z.string().nullable(),
  followUpDue: z.string().nullable(),
  stageNote: z.string().nullable(),
});

function present(ctx: { audit: { objects(...ids: string[]): void } }, c: Certificate) {
  ctx.audit.objects(`ccc-certificate:${c.number}`);
  const { uuid: _uuid, appliedAt: _at, ...rest } = c;
  return { ...rest, validity: validityOn(c, chinaDate(new Date())) };
}

/**
 * CCC certification (强制性产品认证): application -> document review -> type
 * test -> factory inspection -> a certificate valid five years, kept by
 * follow-up inspections whose failure suspends it; searchable by product and
 * holder, and checked by customs (flow 5).
 */
export const certificatesRouter = router({
  applyFor: procedure
    .requires('golden-quality.certificate.apply')
    .input(
      z.strictObject({
        holderCreditCode: creditCodeSchema,
        productName: z.string().trim().min(1).max(200),
        model: z.string().trim().min(1).max(100),
        commodityCode: commodityCodeInput,
      }),
    )
    .output(CertificateView)
    .mutation(async ({ ctx, input }) =>
      present(ctx, await applyForCertificate(ctx.db, input, recorderOf(ctx))),
    ),
  assess: procedure
    .requires('golden-quality.certificate.assess')
    .input(
      z.strictObject({
        number: numberInput,
        step: z.enum(ASSESSMENT_STEPS),
        result: z.enum(['pass', 'fail']),
        note: noteInput,
      }),
    )
    .output(CertificateView)
    .mutation(async ({ ctx, input }) => present(ctx, await recordAssessment(ctx.db, input, recorderOf(ctx)))),
  followUp: procedure
    .requires('golden-quality.certificate.assess')
    .input(
      z.strictObject({
        number: numberInput,
        inspectedOn: pastDateSchema(),
        result: z.enum(['pass', 'fail']),
        findings: noteInput,
      }),
    )
    .output(CertificateView)
    .mutation(async ({ ctx, input }) => present(ctx, await recordFollowUp(ctx.db, input, recorderOf(ctx)))),
  get: procedure
    .requires('golden-quality.certificate.read')
    .input(z.strictObject({ number: numberInput }))
    .output(CertificateView)
    .query(async ({ ctx, input }) => present(ctx, await getCertificate(ctx.db, input.number))),
  search: procedure
    .requires('golden-quality.certificate.read')
    .input(
      z
        .strictObject({
          holderCreditCode: creditCodeSchema.optional(),
          product: z.string().trim().min(1).max(100).optional(),
          commodityCode: commodityCodeInput.optional(),
          limit: z.number().int().min(1).max(100).default(20),
        })
        .refine((f) => f.holderCreditCode || f.product || f.commodityCode, {
          message: 'search by holder, product or commodity code',
          params: { rule: 'required' },
        }),
    )
    .output(z.array(CertificateView))
    .query(async ({ ctx, input }) => (await searchCertificates(ctx.db, input)).map((c) => present(ctx, c))),
  /**
   * For golden-customs (flow 5): whether the importer holds a CCC certificate
   * for the commodity that is valid today; the certificate named, nothing else.
   */
  check: procedure
    .requires('golden-quality.certificate.check')
    .input(z.strictObject({ holderCreditCode: creditCodeSchema, commodityCode: commodityCodeInput }))
    .output(
      z.strictObject({
        validity: z.enum(['valid', 'suspended', 'expired', 'not_issued', 'refused', 'none']),
        certificateNo: z.string().nullable(),
        validUntil: z.string().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { validity, certificate } = await certificateStanding(ctx.db, input, chinaDate(new Date()));
      if (certificate) ctx.audit.objects(`ccc-certificate:${certificate.number}`);
      return {
        validity,
        certificateNo: certificate?.number ?? null,
        validUntil: certificate?.validUntil ?? null,
      };
    }),
});
