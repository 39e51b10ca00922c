import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { registerBinRange } from './cards/card.service.ts';
import type { FinancialSupervisionDatabase } from './database.ts';
import { registerInstitution } from './institutions/institution.service.ts';

const SEEDER = 'seed:financial-supervision';

/**
 * Demo institutions (credit codes made with @egov/standards' issuer, valid
 * but fictitious) and a BIN range for the demo bank.
 */
export const demoInstitutions = [
  {
    creditCode: '91110000MA00000152',
    name: '示范商业银行股份有限公司',
    kind: 'bank' as const,
    licenceNo: 'B0001H111000001',
  },
  {
    creditCode: '91310000MA0000023A',
    name: '示范证券股份有限公司',
    kind: 'securities' as const,
    licenceNo: 'Z0002S131000001',
  },
];

/**
 * Demo data, idempotent: nothing is written when the seed's institutions are there.
 *
 * @example
 * await seedFinancialSupervision(database, log);
 */
export async function seedFinancialSupervision(
  database: AppDatabase<FinancialSupervisionDatabase>,
  log: Logger,
): Promise<void> {
  const { db } = database;
  const present = await db
    .selectFrom('institution')
    .select('credit_code')
    .where('registered_by', '=', SEEDER)
    .executeTakeFirst();
  if (present) return log.info('financial-supervision demo data present');
  const at = new Date();
  await db.transaction().execute(async (trx) => {
    for (const i of demoInstitutions) await registerInstitution(trx, i, { by: SEEDER, at });
    await registerBinRange(
      trx,
      { institution: demoInstitutions[0]!.creditCode, binFrom: '621700', binTo: '621799', cardLength: 19 },
      { by: SEEDER, at },
    );
  });
  log.info({ institutions: demoInstitutions.length }, 'financial-supervision demo data seeded');
}
