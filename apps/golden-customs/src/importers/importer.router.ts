import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { DomainError } from '@egov/kernel/errors';
import { z } from 'zod';
import { creditCodeInput, textInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { findImporter, type Importer, registerImporter } from './importer.service.ts';
import { taxRegisterOverNetwork } from './tax-standing.ts';

export const RegisterImporterInput = z.strictObject({
  creditCode: creditCodeInput,
  name: textInput(200),
  /** AEO certification (海关认证企业): `advanced` (高级认证) or `general`; omit when not certified. */
  aeoClass: z.enum(['advanced', 'general']).nullable().default(null),
});

export const ImporterView = z.strictObject({
  creditCode: z.string(),
  name: z.string(),
  aeoClass: z.enum(['advanced', 'general']).nullable(),
  registeredAt: z.iso.datetime(),
});

export const StandingView = z.strictObject({
  importer: ImporterView,
  /** golden-tax's word on the importer's VAT registration, read when asked. */
  tax: z.discriminatedUnion('registered', [
    z.strictObject({
      registered: z.literal(true),
      kind: z.enum(['general', 'small-scale']),
      name: z.string(),
      divisionCode: z.string(),
    }),
    z.strictObject({ registered: z.literal(false) }),
  ]),
});

const present = (i: Importer): z.infer<typeof ImporterView> => ({
  ...i,
  registeredAt: i.registeredAt.toISOString(),
});

/** The customs register of importers (报关单位备案) and their AEO status. */
export const importersRouter = router({
  register: procedure
    .requires('golden-customs.importer.register')
    .input(RegisterImporterInput)
    .output(ImporterView)
    .mutation(async ({ ctx, input }) => {
      const importer = await registerImporter(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`importer:${importer.creditCode}`);
      return present(importer);
    }),
  get: procedure
    .requires('golden-customs.importer.read')
    .input(z.strictObject({ creditCode: creditCodeInput }))
    .output(ImporterView)
    .query(async ({ ctx, input }) => {
      const importer = await findImporter(ctx.db, input.creditCode);
      if (!importer) throw new DomainError('NOT_FOUND', 'no such importer', { field: 'creditCode' });
      return present(importer);
    }),
  /** The importer as customs registered it, with its VAT standing at golden-tax (a cross-agency query). */
  standing: procedure
    .requires('golden-customs.importer.read')
    .input(z.strictObject({ creditCode: creditCodeInput }))
    .output(StandingView)
    .query(async ({ ctx, input }) => {
      const importer = await findImporter(ctx.db, input.creditCode);
      if (!importer) throw new DomainError('NOT_FOUND', 'no such importer', { field: 'creditCode' });
      ctx.audit.objects(`importer:${importer.creditCode}`);
      const tax = taxRegisterOverNetwork(() => ctx.connect<GoldenTaxRouter>('golden-tax'));
      return { importer: present(importer), tax: await tax.standing(importer.creditCode) };
    }),
});
