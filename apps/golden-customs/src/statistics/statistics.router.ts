import { sql } from 'kysely';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import { Month, MonthlyPublication, monthBounds } from './statistics.rules.ts';

/**
 * Customs trade totals by month (海关进口统计), published in the catalog as GC-TRD-0001 (conditional):
 * macroeconomics reads them under the customs administration's grant. Declarations count in the month
 * (China time) they were released; values in fen, as decimal strings; the whole country (100000).
 */
export const statisticsRouter = router({
  monthlyTrade: procedure
    .requires('golden-customs.statistics.read', { resource: { id: 'GC-TRD-0001', sharing: 'conditional' } })
    .input(z.strictObject({ period: Month }))
    .output(MonthlyPublication)
    .query(async ({ ctx, input }) => {
      const { from, to } = monthBounds(input.period);
      const row = await ctx.db
        .selectFrom('declaration')
        .select(sql<string>`coalesce(sum(customs_value_fen), 0)::text`.as('value'))
        .where('status', '=', 'released')
        .where('released_at', '>=', from)
        .where('released_at', '<', to)
        .executeTakeFirstOrThrow();
      return {
        resourceId: 'GC-TRD-0001',
        period: input.period,
        unit: 'fen',
        asOf: ctx.now().toISOString(),
        rows: [{ measure: 'imports-customs-value', region: '100000', value: row.value }],
      };
    }),
});
