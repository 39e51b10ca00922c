import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { OfficeResourcesDatabase } from './database.ts';
import { registerRecipient } from './documents/document.service.ts';

const SEEDER = 'seed:office-resources';

/** The demo recipient directory: agencies of the platform's apps, with their systems' zones. */
export const demoRecipients = [
  { agencyCode: 'mwr', name: '水利部', app: 'golden-water', zone: 'internal' },
  { agencyCode: 'mof', name: '财政部', app: 'golden-finance', zone: 'internal' },
  { agencyCode: 'mps', name: '公安部', app: 'golden-shield', zone: 'internal' },
  { agencyCode: 'moa', name: '农业农村部', app: 'golden-agriculture', zone: 'external' },
] as const;

/**
 * Demo data, idempotent: the recipient directory, written once.
 *
 * @example
 * await seedOfficeResources(database, log);
 */
export async function seedOfficeResources(
  database: AppDatabase<OfficeResourcesDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  const present = await db
    .selectFrom('recipient')
    .select('agency_code')
    .where('registered_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('office-resources demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const r of demoRecipients) await registerRecipient(trx, r, { by: SEEDER, at });
  });
  log.info({ recipients: demoRecipients.length }, 'office-resources demo data seeded');
}
