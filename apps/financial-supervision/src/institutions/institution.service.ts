import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { FinancialSupervisionDb } from '../database.ts';
import type { InstitutionKind, InstitutionStatus } from './institution.table.ts';

export interface Institution {
  creditCode: string;
  name: string;
  kind: InstitutionKind;
  licenceNo: string;
  status: InstitutionStatus;
  registeredAt: string;
}

type Row = {
  credit_code: string;
  name: string;
  kind: InstitutionKind;
  licence_no: string;
  status: InstitutionStatus;
  registered_at: Date;
};

const toInstitution = (r: Row): Institution => ({
  creditCode: r.credit_code,
  name: r.name,
  kind: r.kind,
  licenceNo: r.licence_no,
  status: r.status,
  registeredAt: r.registered_at.toISOString(),
});

/**
 * Registers a licensed institution; 409 for a credit code or licence number already on file.
 *
 * @example
 * await registerInstitution(trx, { creditCode, name: '测试银行', kind: 'bank', licenceNo: 'B0001H111000001' }, recorderOf(ctx));
 */
export async function registerInstitution(
  db: FinancialSupervisionDb,
  input: { creditCode: string; name: string; kind: InstitutionKind; licenceNo: string },
  recorder: Recorder,
): Promise<Institution> {
  const clash = await db
    .selectFrom('institution')
    .select(['credit_code', 'licence_no'])
    .where((eb) => eb.or([eb('credit_code', '=', input.creditCode), eb('licence_no', '=', input.licenceNo)]))
    .executeTakeFirst();
  if (clash)
    throw new DomainError(
      'CONFLICT',
      clash.credit_code === input.creditCode
        ? `an institution with credit code ${input.creditCode} is registered already`
        : `licence ${input.licenceNo} belongs to another institution`,
      {
        field: clash.credit_code === input.creditCode ? 'creditCode' : 'licenceNo',
        rule: 'already_registered',
      },
    );
  const row = await db
    .insertInto('institution')
    .values({
      credit_code: input.creditCode,
      name: input.name,
      kind: input.kind,
      licence_no: input.licenceNo,
      status: 'active',
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    // A concurrent registration of the same code or licence loses here instead of failing with a 500.
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', 'this institution was registered concurrently', {
      field: 'creditCode',
      rule: 'already_registered',
    });
  return toInstitution(row);
}

/** The institution, or 404 naming `field`. */
export async function requireInstitution(
  db: FinancialSupervisionDb,
  creditCode: string,
  field = 'creditCode',
  lock = false,
): Promise<Institution> {
  let q = db.selectFrom('institution').selectAll().where('credit_code', '=', creditCode);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no institution ${creditCode} is registered`, { field });
  return toInstitution(row);
}

/** An institution that may report: registered and not revoked (a suspended one still reports). */
export async function requireReporting(
  db: FinancialSupervisionDb,
  creditCode: string,
  field = 'institution',
) {
  const found = await requireInstitution(db, creditCode, field);
  if (found.status === 'revoked')
    throw new DomainError('CONFLICT', `the licence of ${creditCode} is revoked`, { field, rule: 'revoked' });
  return found;
}

/** Suspends, reinstates or revokes; a revoked licence is final (409). */
export async function setInstitutionStatus(
  db: FinancialSupervisionDb,
  input: { creditCode: string; status: InstitutionStatus },
  recorder: Recorder,
): Promise<Institution> {
  const current = await requireInstitution(db, input.creditCode, 'creditCode', true);
  if (current.status === 'revoked')
    throw new DomainError('CONFLICT', 'a revoked licence is not reinstated; register a new institution', {
      field: 'status',
      rule: 'revoked',
    });
  if (current.status === input.status)
    throw new DomainError('CONFLICT', `the institution is ${input.status} already`, {
      field: 'status',
      rule: 'unchanged',
    });
  await db
    .updateTable('institution')
    .set({ status: input.status, status_changed_at: recorder.at })
    .where('credit_code', '=', input.creditCode)
    .execute();
  return { ...current, status: input.status };
}

/** Institutions by name order, optionally of one kind or status. */
export async function listInstitutions(
  db: FinancialSupervisionDb,
  filter: { kind?: InstitutionKind | undefined; status?: InstitutionStatus | undefined },
): Promise<Institution[]> {
  let q = db.selectFrom('institution').selectAll().orderBy('name').limit(500);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.execute()).map(toInstitution);
}
