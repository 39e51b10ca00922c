import { DomainError } from '@egov/kernel/errors';
import type { GoldenCustomsDb } from '../database.ts';
import type { AeoClass } from '../risk/rules.ts';
import type { Recorder } from '@egov/kernel/trpc';

export interface Importer {
  creditCode: string;
  name: string;
  aeoClass: AeoClass | null;
  registeredAt: Date;
}

/**
 * An importer by credit code, or undefined.
 *
 * @example
 * await findImporter(db, '91310000MA1FL0TEST')
 */
export async function findImporter(db: GoldenCustomsDb, creditCode: string): Promise<Importer | undefined> {
  const row = await db
    .selectFrom('importer')
    .selectAll()
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  return row
    ? {
        creditCode: row.credit_code,
        name: row.name,
        aeoClass: row.aeo_class,
        registeredAt: row.registered_at,
      }
    : undefined;
}

/**
 * Registers an importer with customs, with its AEO class if certified; a
 * second registration of the same code is a CONFLICT (`already_registered`).
 *
 * @example
 * await registerImporter(trx, { creditCode, name: '上海外高桥贸易有限公司', aeoClass: 'advanced' }, recorder);
 */
export async function registerImporter(
  trx: GoldenCustomsDb,
  importer: { creditCode: string; name: string; aeoClass: AeoClass | null },
  recorder: Recorder,
): Promise<Importer> {
  const inserted = await trx
    .insertInto('importer')
    .values({
      credit_code: importer.creditCode,
      name: importer.name,
      aeo_class: importer.aeoClass,
      registered_at: recorder.at,
      registered_by: recorder.by,
    })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returning('credit_code')
    .executeTakeFirst();
  if (!inserted) {
    throw new DomainError('CONFLICT', `importer ${importer.creditCode} is already registered`, {
      field: 'creditCode',
      rule: 'already_registered',
    });
  }
  return { ...importer, registeredAt: recorder.at };
}
