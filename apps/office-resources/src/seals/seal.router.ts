import { SEAL_ALGORITHMS, type SealAlgorithm } from '@egov/kernel/seal';
import { recorderOf, text } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { createSealKey, currentSealKey, installCertificate } from './seal.service.ts';

const SealKeyView = z.strictObject({
  id: z.number(),
  algorithm: z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]),
  publicKey: z.string(),
  serialNumber: z.string().nullable(),
  notAfter: z.string().nullable(),
  installed: z.boolean(),
});

/**
 * The agency's electronic seal (S8): its key is made here and never leaves (encrypted at rest);
 * the platform's CA certifies the public key (`seals.issue` there); the chain is installed here.
 */
export const sealsRouter = router({
  createKey: procedure
    .requires('office-resources.seal.manage')
    .input(
      z.strictObject({
        algorithm: z.enum(SEAL_ALGORITHMS as [SealAlgorithm, ...SealAlgorithm[]]).default('SM2-SM3'),
      }),
    )
    .output(SealKeyView)
    .mutation(async ({ ctx, input }) => {
      const key = await createSealKey(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`seal-key:${key.id}`);
      return key;
    }),
  install: procedure
    .requires('office-resources.seal.manage')
    .input(
      z.strictObject({
        keyId: z.number().int().positive(),
        certificateChain: z
          .array(text({ multiline: true, trim: false, min: 1, max: 16_384 }))
          .min(1)
          .max(4),
      }),
    )
    .output(SealKeyView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`seal-key:${input.keyId}`);
      return installCertificate(ctx.db, input, recorderOf(ctx));
    }),
  current: procedure
    .requires('office-resources.document.read')
    .input(z.strictObject({}).optional())
    .output(SealKeyView)
    .query(({ ctx }) => currentSealKey(ctx.db, ctx.now())),
});
