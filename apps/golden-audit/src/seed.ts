import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { chinaDate } from '@egov/standards';
import type { GoldenAuditDatabase } from './database.ts';
import { publishNotice } from './notices/notice.service.ts';

const SEEDER = 'seed:golden-audit';

/** The demo notices, published once. */
export const demoNotices = [
  { title: '金审工程 开通公告', body: 'The Golden Audit system is open.' },
  { title: '金审工程 服务时间', body: 'Officials may use it every day from 08:00 to 20:00.' },
] as const;

/**
 * Demo data, idempotent: nothing is written when the seed's notices are there.
 *
 * @example
 * await seedGoldenAudit(database, log);
 */
export async function seedGoldenAudit(
  database: AppDatabase<GoldenAuditDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  const present = await db
    .selectFrom('notice')
    .select('serial')
    .where('published_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('golden-audit demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const notice of demoNotices)
      await publishNotice(trx, { ...notice, effectiveOn: chinaDate(at) }, { by: SEEDER, at });
  });
  log.info({ notices: demoNotices.length }, 'golden-audit demo data seeded');
}
