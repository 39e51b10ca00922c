import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { chinaDate } from '@egov/standards';
import type { MacroeconomicsDatabase } from './database.ts';
import { publishNotice } from './notices/notice.service.ts';

const SEEDER = 'seed:macroeconomics';

/** The demo notices, published once. */
export const demoNotices = [
  { title: '宏观经济管理 开通公告', body: 'The Macroeconomic Management system is open.' },
  { title: '宏观经济管理 服务时间', body: 'Officials may use it every day from 08:00 to 20:00.' },
] as const;

/**
 * Demo data, idempotent: nothing is written when the seed's notices are there.
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
    .selectFrom('notice')
    .select('serial')
    .where('published_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('macroeconomics demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const notice of demoNotices)
      await publishNotice(trx, { ...notice, effectiveOn: chinaDate(at) }, { by: SEEDER, at });
  });
  log.info({ notices: demoNotices.length }, 'macroeconomics demo data seeded');
}
