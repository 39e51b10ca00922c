import { lookupDivision } from '@egov/standards';
import { z } from 'zod';
import { auditObject } from '../shared/audit.ts';
import {
  creditCodeInput,
  currentCountyInput,
  entityNameInput,
  fenInput,
  industryInput,
} from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { getTaxpayer, registerTaxpayer, setMonthlyQuota, type Taxpayer } from './taxpayer.service.ts';

export const RegisterTaxpayerInput = z.strictObject({
  creditCode: creditCodeInput,
  name: entityNameInput,
  kind: z.enum(['general', 'small-scale']),
  division: currentCountyInput,
  industry: industryInput.optional(),
});

export const TaxpayerView = z.strictObject({
  creditCode: z.string(),
  name: z.string(),
  kind: z.enum(['general', 'small-scale']),
  division: z.strictObject({ code: z.string(), name: z.string() }),
  industry: z.string().nullable(),
  monthlyQuotaFen: z.number().int(),
});

function present(t: Taxpayer): z.infer<typeof TaxpayerView> {
  return {
    creditCode: t.creditCode,
    name: t.name,
    kind: t.kind,
    division: { code: t.division, name: lookupDivision(t.division)?.name ?? '' },
    industry: t.industry,
    monthlyQuotaFen: t.monthlyQuotaFen,
  };
}

/** Taxpayer registration (税务登记) and the invoicing quota. */
export const taxpayersRouter = router({
  register: procedure
    .requires('golden-tax.taxpayer.register')
    .input(RegisterTaxpayerInput)
    .output(TaxpayerView)
    .mutation(async ({ ctx, input }) => {
      const taxpayer = await registerTaxpayer(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(auditObject.taxpayer(taxpayer.creditCode));
      return present(taxpayer);
    }),
  get: procedure
    .requires('golden-tax.taxpayer.read')
    .input(z.strictObject({ creditCode: creditCodeInput }))
    .output(TaxpayerView)
    .query(async ({ ctx, input }) => present(await getTaxpayer(ctx.db, input.creditCode))),
  setQuota: procedure
    .requires('golden-tax.quota.set')
    .input(z.strictObject({ creditCode: creditCodeInput, monthlyQuotaFen: fenInput }))
    .output(TaxpayerView)
    .mutation(async ({ ctx, input }) => {
      const taxpayer = await setMonthlyQuota(ctx.db, input.creditCode, input.monthlyQuotaFen);
      ctx.audit.objects(auditObject.taxpayer(taxpayer.creditCode));
      return present(taxpayer);
    }),
});
