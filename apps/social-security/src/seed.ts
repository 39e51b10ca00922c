import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { chinaDate } from '@egov/standards';
import type { SocialSecurityDatabase } from './database.ts';
import { publishNotice } from './notices/notice.service.ts';

const SEEDER = 'seed:social-security';

/** The demo notices, published once. */
export const demoNotices = [
  { title: '社会保障 开通公告', body: 'The Social Security system is open.' },
  { title: '社会保障 服务时间', body: 'Officials may use it every day from 08:00 to 20:00.' },
] as const;

/**
 * Demo data, idempotent: nothing is written when the seed's notices are there.
 *
 * @example
 * await seedSocialSecurity(database, log);
 */
export async function seedSocialSecurity(
  database: AppDatabase<SocialSecurityDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  const present = await db
    .selectFrom('notice')
    .select('serial')
    .where('published_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('social-security demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const notice of demoNotices)
      await publishNotice(trx, { ...notice, effectiveOn: chinaDate(at) }, { by: SEEDER, at });
  });
  log.info({ notices: demoNotices.length }, 'social-security demo data seeded');
}
