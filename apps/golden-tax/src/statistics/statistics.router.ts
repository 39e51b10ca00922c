import { sql } from 'kysely';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { Month, MonthlyPublication, monthBounds } from './statistics.rules.ts';

/**
 * Tax revenue by tax and month (税收收入), published in the catalog as GT-REV-0001 (conditional):
 * macroeconomics reads it under the tax administration's grant. Domestic VAT counts in the month (China
 * time) the treasury received it; in fen, as a decimal string; the whole country (100000).
 */
export const statisticsRouter = router({
  monthlyRevenue: procedure
    .requires('golden-tax.statistics.read', { resource: { id: 'GT-REV-0001', sharing: 'conditional' } })
    .input(z.strictObject({ period: Month }))
    .output(MonthlyPublication)
    .query(async ({ ctx, input }) => {
      const { from, to } = monthBounds(input.period);
      const row = await ctx.db
        .selectFrom('payment')
        .select(sql<string>`coalesce(sum(amount_fen), 0)::text`.as('value'))
        .where('status', '=', 'paid')
        .where('paid_at', '>=', from)
        .where('paid_at', '<', to)
        .executeTakeFirstOrThrow();
      return {
        resourceId: 'GT-REV-0001',
        period: input.period,
        unit: 'fen',
        asOf: ctx.now().toISOString(),
        rows: [{ measure: 'domestic-vat', region: '100000', value: row.value }],
      };
    }),
});
