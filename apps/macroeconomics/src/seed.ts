import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { MacroeconomicsDatabase } from './database.ts';
import type { DefineIndicatorInput } from './indicators/indicator.schemas.ts';
import { defineIndicator } from './indicators/indicator.service.ts';

const SEEDER = 'seed:macroeconomics';

const finance = (code: string, measure: string, nameZh: string, nameEn: string): DefineIndicatorInput => ({
  code: `FIN-REC-${code}`,
  nameZh,
  nameEn,
  unit: '元',
  frequency: 'monthly',
  source: { resourceId: 'GF-REC-0001', measure },
  ...(code === 'TOTAL' ? {} : { parent: 'FIN-REC-TOTAL' }),
});

/**
 * The indicators fed by the three monthly publications (flow 7). A whole is defined before its parts.
 * Fixed-base indices need a base period, which an indicator gets when one is set (`indexBase`); these
 * start without one, since the demo's sources hold only the months the demo itself makes.
 */
export const demoIndicators: DefineIndicatorInput[] = [
  {
    code: 'CUS-IMP-VALUE',
    nameZh: '进口货物完税价格总额',
    nameEn: 'Customs value of imports released',
    unit: '元',
    frequency: 'monthly',
    source: { resourceId: 'GC-TRD-0001', measure: 'imports-customs-value' },
  },
  {
    code: 'TAX-REV-DVAT',
    nameZh: '国内增值税收入',
    nameEn: 'Domestic VAT paid',
    unit: '元',
    frequency: 'monthly',
    source: { resourceId: 'GT-REV-0001', measure: 'domestic-vat' },
  },
  finance('TOTAL', 'total', '国库收入合计', 'Treasury receipts, total'),
  finance('DUTY', 'customs-duty', '关税收入', 'Customs duty received'),
  finance('IVAT', 'import-vat', '进口货物增值税收入', 'Import VAT received'),
  finance('CTAX', 'consumption-tax', '消费税收入', 'Consumption tax received'),
  finance('DVAT', 'domestic-vat', '国内增值税入库', 'Domestic VAT received'),
  finance('NTAX', 'non-tax', '非税收入', 'Non-tax revenue received'),
];

/**
 * Demo data, idempotent: the indicators, defined once. Figures come only through the exchange
 * (`sources.pull`), never from a seed.
 *
 * @example
 * await seedMacroeconomics(database, log);
 */
export async function seedMacroeconomics(
  database: AppDatabase<MacroeconomicsDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  const present = await db
    .selectFrom('indicator')
    .select('code')
    .where('defined_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('macroeconomics demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const indicator of demoIndicators) await defineIndicator(trx, indicator, { by: SEEDER, at });
  });
  log.info({ indicators: demoIndicators.length }, 'macroeconomics demo data seeded');
}
