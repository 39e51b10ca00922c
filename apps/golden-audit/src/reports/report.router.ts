import { SEAL_ALGORITHMS, type SealAlgorithm } from '@egov/kernel/seal';
import { recorderOf, text } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { createSealKey, exportReport, installSealCertificate } from './report.service.ts';

const Seal = z.strictObject({
  algorithm: z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]),
  digest: z.string(),
  signedAt: z.string(),
  signature: z.string(),
  certificateChain: z.array(z.string()),
});

/** The project report, sealed with the National Audit Office's seal (certified by the platform's CA). */
export const reportsRouter = router({
  createSealKey: procedure
    .requires('golden-audit.seal.manage')
    .input(
      z.strictObject({
        algorithm: z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]).default('SM2-SM3'),
      }),
    )
    .output(z.strictObject({ algorithm: z.string(), publicKey: z.string() }))
    .mutation(({ ctx, input }) => {
      ctx.audit.objects('seal-key:report');
      return createSealKey(ctx.db, input.algorithm, recorderOf(ctx));
    }),
  installCertificate: procedure
    .requires('golden-audit.seal.manage')
    .input(
      z.strictObject({
        // PEM spans lines: admitted only where the field says so (the kernel's text policy).
        certificateChain: z
          .array(text({ multiline: true, trim: false, min: 1, max: 32_768 }))
          .min(1)
          .max(8),
      }),
    )
    .output(z.strictObject({ serialNumber: z.string(), subject: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const installed = await installSealCertificate(ctx.db, input.certificateChain);
      ctx.audit.objects('seal-key:report', `seal:${installed.serialNumber}`);
      return installed;
    }),
  export: procedure
    .requires('golden-audit.report.export')
    .input(z.strictObject({ projectId: z.uuid() }))
    .output(z.strictObject({ document: z.string(), seal: Seal }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`project:${input.projectId}`);
      return exportReport(ctx.db, input.projectId, recorderOf(ctx));
    }),
});
