import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { GoldenAuditDatabase } from './database.ts';
import { createProject } from './projects/project.service.ts';

const SEEDER = 'seed:golden-audit';

/** The demo project: the treasury's 2026 accounts and import VAT, audited by a team of two. */
export const demoProject = {
  code: '审计-2026-001',
  title: '2026年度中央财政预算执行和国库资金审计 (demo)',
  auditedAgencies: ['mof', 'sat'],
  resources: ['GF-APR-0001', 'GF-PAY-0001', 'GF-LED-0001', 'GT-INP-0001'],
  scope: 'Budget execution of 2026: appropriations and payments, the treasury ledger, import VAT deducted.',
  periodFrom: '2026-01-01',
  periodTo: '2026-12-31',
  leader: 'audit-director',
  members: ['auditor'],
};

/**
 * Demo data, idempotent: the demo project once.
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
    .selectFrom('audit_project')
    .select('id')
    .where('code', '=', demoProject.code)
    .executeTakeFirst();
  if (present) return log.info('golden-audit demo data present');
  await db.transaction().execute((trx) => createProject(trx, demoProject, { by: SEEDER, at: new Date() }));
  log.info({ projects: 1 }, 'golden-audit demo data seeded');
}
