import { isoDate, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { type CreditCode, validateCreditCode } from '@egov/standards';
import { sql } from 'kysely';
import type { SocialSecurityDb } from '../database.ts';
import { type InsuredPerson, findInsuredByResidentId } from '../insured/insured.service.ts';
import { checkPeriod, type Period } from './employer.rules.ts';

export interface Employer {
  creditCode: string;
  name: string;
  divisionCode: string;
  registeredAt: string;
}

export interface Employment extends Period {
  id: number;
  employerCode: string;
  person: InsuredPerson;
}

const alreadyRegistered = () =>
  new DomainError('CONFLICT', 'an employer with this credit code is registered already', {
    field: 'creditCode',
    rule: 'already_registered',
  });

/**
 * Registers an employer by its GB 32100 credit code (checked again here, so a
 * service caller gets the same answer as the API); 409 if it is registered.
 * The legal-entity base comes later: today the code is checked and the employer registered here.
 *
 * @example
 * await registerEmployer(trx, { creditCode: '91110000802100433B', name: '北京某某有限公司' }, recorderOf(ctx));
 */
export async function registerEmployer(
  db: SocialSecurityDb,
  input: { creditCode: string; name: string },
  recorder: Recorder,
): Promise<Employer> {
  const code = checkedCode(input.creditCode);
  const row = await db
    .insertInto('employer')
    .values({
      credit_code: code,
      name: input.name,
      division_code: code.slice(2, 8),
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returning('credit_code')
    .executeTakeFirst();
  if (!row) throw alreadyRegistered();
  return getEmployer(db, code);
}

function checkedCode(raw: string): CreditCode {
  const parsed = validateCreditCode(raw);
  if (!parsed.ok)
    throw new DomainError('INVALID', parsed.message, { field: 'creditCode', rule: parsed.part });
  return parsed.value;
}

/** The employer with this credit code, or undefined. */
export async function findEmployer(db: SocialSecurityDb, creditCode: string): Promise<Employer | undefined> {
  const row = await db
    .selectFrom('employer')
    .selectAll()
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  return (
    row && {
      creditCode: row.credit_code,
      name: row.name,
      divisionCode: row.division_code,
      registeredAt: row.registered_at.toISOString(),
    }
  );
}

/** The employer with this credit code, or NOT_FOUND. */
export async function getEmployer(db: SocialSecurityDb, creditCode: string): Promise<Employer> {
  const employer = await findEmployer(db, creditCode);
  if (!employer)
    throw new DomainError('NOT_FOUND', 'no employer with this credit code', { field: 'creditCode' });
  return employer;
}

/** A registered employer named in an input, or 400 on `creditCode`. */
export async function requireEmployer(db: SocialSecurityDb, creditCode: string): Promise<Employer> {
  const employer = await findEmployer(db, checkedCode(creditCode));
  if (!employer)
    throw new DomainError('INVALID', 'no employer is registered with this credit code', {
      field: 'creditCode',
      rule: 'not_registered',
    });
  return employer;
}

/** An enrolled person named in an input, or 400 on `field`. */
export async function requireInsured(
  db: SocialSecurityDb,
  residentId: string,
  field = 'residentId',
): Promise<InsuredPerson> {
  const person = await findInsuredByResidentId(db, residentId);
  if (!person)
    throw new DomainError('INVALID', 'this resident ID is not enrolled in social insurance', {
      field,
      rule: 'not_insured',
    });
  return person;
}

/**
 * Records an employment period of an insured person at an employer. Periods
 * of one person at one employer never overlap: the person's row is locked,
 * so two concurrent records cannot both pass the check.
 *
 * @example
 * await recordEmployment(trx, { creditCode, residentId, startOn: '2026-01-01', endOn: null }, recorderOf(ctx));
 */
export async function recordEmployment(
  db: SocialSecurityDb,
  input: { creditCode: string; residentId: string; startOn: string; endOn: string | null },
  recorder: Recorder,
): Promise<Employment> {
  const period = checkPeriod(input);
  if (!period.ok) throw new DomainError('INVALID', period.message, { field: 'endOn', rule: period.part });
  const employer = await requireEmployer(db, input.creditCode);
  const person = await requireInsured(db, input.residentId);
  await db.selectFrom('insured_person').select('uuid').where('uuid', '=', person.uuid).forUpdate().execute();
  const clash = await db
    .selectFrom('employment')
    .select(['id', isoDate('start_on').as('startOn')])
    .where('insured_uuid', '=', person.uuid)
    .where('employer_code', '=', employer.creditCode)
    .where(
      sql<boolean>`daterange(start_on, end_on, '[]') && daterange(${input.startOn}::date, ${input.endOn}::date, '[]')`,
    )
    .executeTakeFirst();
  if (clash)
    throw new DomainError(
      'CONFLICT',
      `this period overlaps the employment from ${clash.startOn} of the same person at the same employer`,
      { field: 'startOn', rule: 'overlapping_employment' },
    );
  const row = await db
    .insertInto('employment')
    .values({
      employer_code: employer.creditCode,
      insured_uuid: person.uuid,
      start_on: input.startOn,
      end_on: input.endOn,
      recorded_by: recorder.by,
      recorded_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: toSafeInteger(row.id),
    employerCode: employer.creditCode,
    person,
    startOn: input.startOn,
    endOn: input.endOn,
  };
}

/** The employment periods at an employer, earliest first, with whom they employ. */
export async function employmentsAt(
  db: SocialSecurityDb,
  creditCode: string,
): Promise<
  {
    id: number;
    startOn: string;
    endOn: string | null;
    residentId: string;
    name: string;
    insuredUuid: string;
  }[]
> {
  const rows = await db
    .selectFrom('employment as e')
    .innerJoin('insured_person as p', 'p.uuid', 'e.insured_uuid')
    .select([
      'e.id',
      'p.uuid',
      'p.resident_id',
      'p.name',
      isoDate('e.start_on').as('startOn'),
      isoDate<null>('e.end_on').as('endOn'),
    ])
    .where('e.employer_code', '=', creditCode)
    .orderBy('e.start_on')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    id: toSafeInteger(r.id),
    startOn: r.startOn,
    endOn: r.endOn,
    residentId: r.resident_id,
    name: r.name,
    insuredUuid: r.uuid,
  }));
}

/**
 * Opens the employer account of a legal entity golden-quality registered
 * (flow 2); one registered already is returned as it is, so the event may be
 * delivered twice.
 *
 * @example
 * await openEmployerAccount(trx, { creditCode, name }, { by: 'event:golden-quality', at: new Date() });
 */
export async function openEmployerAccount(
  db: SocialSecurityDb,
  input: { creditCode: string; name: string },
  recorder: Recorder,
): Promise<Employer> {
  const code = checkedCode(input.creditCode);
  await db
    .insertInto('employer')
    .values({
      credit_code: code,
      name: input.name,
      division_code: code.slice(2, 8),
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .execute();
  return getEmployer(db, code);
}
