import { DomainError } from '@egov/kernel/errors';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { lookupCommodity, tariff } from './tariff.ts';

export const TariffLineView = z.strictObject({
  code: z.string(),
  description: z.string(),
  descriptionZh: z.string(),
  unit: z.string(),
  mfnDuty: z.string(),
  consumptionTax: z.string(),
  vat: z.string(),
  ccc: z.boolean(),
  fromMemory: z.boolean(),
  note: z.string().nullable(),
  validFrom: z.iso.date(),
});

/** The tariff the app assesses with, for declarants and officials. */
export const tariffRouter = router({
  get: procedure
    .requires('golden-customs.tariff.read')
    .input(
      z.strictObject({ commodityCode: z.string().regex(/^\d{10}$/, 'commodity code must be 10 digits') }),
    )
    .output(TariffLineView)
    .query(({ input }) => {
      const line = lookupCommodity(input.commodityCode);
      if (!line) {
        throw new DomainError('NOT_FOUND', `${input.commodityCode} is not in the tariff`, {
          field: 'commodityCode',
          rule: 'unknown_commodity',
        });
      }
      return { ...line, validFrom: tariff.validFrom };
    }),
});
