import { sql } from 'kysely';
import { z } from 'zod';
import { revenueSourceCodes } from '../treasury/sources.ts';
import { procedure, router } from '../trpc.ts';
import { Month, MonthlyPublication } from './statistics.rules.ts';

/**
 * Treasury receipts by source and month (国库收入), published in the catalog as GF-REC-0001
 * (conditional): macroeconomics reads them under the finance ministry's grant. Receipts count by their
 * business date; every revenue source appears (0 when nothing came), and the total; in fen.
 */
export const statisticsRouter = router({
  monthlyReceipts: procedure
    .requires('golden-finance.statistics.read', { resource: { id: 'GF-REC-0001', sharing: 'conditional' } })
    .input(z.strictObject({ period: Month }))
    .output(MonthlyPublication)
    .query(async ({ ctx, input }) => {
      const first = `${input.period}-01`;
      const rows = await ctx.db
        .selectFrom('receipt')
        .select(['source', sql<string>`sum(amount)::text`.as('value')])
        .where('business_date', '>=', first)
        .where(sql<boolean>`business_date < (${first}::date + interval '1 month')`)
        .groupBy('source')
        .execute();
      const bySource = new Map(rows.map((r) => [r.source, r.value]));
      const total = rows.reduce((sum, r) => sum + BigInt(r.value), 0n);
      return {
        resourceId: 'GF-REC-0001',
        period: input.period,
        unit: 'fen',
        asOf: ctx.now().toISOString(),
        rows: [
          ...revenueSourceCodes.map((source) => ({
            measure: source,
            region: '100000',
            value: bySource.get(source) ?? '0',
          })),
          { measure: 'total', region: '100000', value: total.toString() },
        ],
      };
    }),
});
