import { randomUUID } from 'node:crypto';
import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { validateResidentId } from '@egov/standards';
import type { SocialSecurityDb } from '../database.ts';
import type { IdentityRegister } from '../shared/identity.ts';

export interface InsuredPerson {
  uuid: string;
  residentId: string;
  name: string;
  sex: 'male' | 'female';
  /** `YYYY-MM-DD`. */
  birthDate: string;
  enrolledBy: string;
  /** ISO 8601, UTC. */
  enrolledAt: string;
}

/** The purpose golden-shield logs with each check (it must be 10 to 200 characters). */
export const ENROLMENT_PURPOSE = 'enrolment in basic pension insurance at social-security (参保登记)';

/**
 * Enrols a person: refused (409) if the resident ID is enrolled already, and
 * (400 on `residentId`) unless golden-shield answers `match` for this name and ID.
 * The duplicate check comes first, so a second enrolment costs golden-shield nothing.
 *
 * @example
 * await enrolInsured(trx, { residentId, name: '张伟' }, shield, recorderOf(ctx));
 */
export async function enrolInsured(
  db: SocialSecurityDb,
  input: { residentId: string; name: string },
  identity: IdentityRegister,
  recorder: Recorder,
): Promise<InsuredPerson> {
  const parsed = validateResidentId(input.residentId);
  if (!parsed.ok)
    throw new DomainError('INVALID', parsed.message, { field: 'residentId', rule: parsed.part });
  if (await findInsuredByResidentId(db, parsed.value))
    throw new DomainError('CONFLICT', 'this resident ID is enrolled already', {
      field: 'residentId',
      rule: 'already_enrolled',
    });
  const answer = await identity.verify({
    name: input.name,
    residentId: parsed.value,
    purpose: ENROLMENT_PURPOSE,
  });
  if (answer !== 'match')
    throw new DomainError(
      'INVALID',
      answer === 'not_on_file'
        ? 'golden-shield has no living resident with this ID'
        : 'golden-shield says this name and resident ID do not belong together',
      { field: 'residentId', rule: answer },
    );
  const row = await db
    .insertInto('insured_person')
    .values({
      uuid: randomUUID(),
      resident_id: parsed.value,
      name: input.name,
      sex: parsed.parts.sex,
      birth_date: parsed.parts.birthDate,
      enrolled_by: recorder.by,
      enrolled_at: recorder.at,
    })
    .onConflict((oc) => oc.column('resident_id').doNothing())
    .returning('uuid')
    .executeTakeFirst();
  // A concurrent enrolment of the same ID won the race.
  if (!row)
    throw new DomainError('CONFLICT', 'this resident ID is enrolled already', {
      field: 'residentId',
      rule: 'already_enrolled',
    });
  const person = await findInsuredByResidentId(db, parsed.value);
  if (!person) throw new Error('an insured person just written cannot be read back');
  return person;
}

function select(db: SocialSecurityDb) {
  return db
    .selectFrom('insured_person')
    .select([
      'uuid',
      'resident_id',
      'name',
      'sex',
      'enrolled_by',
      'enrolled_at',
      isoDate('birth_date').as('birthDate'),
    ]);
}

function toPerson(
  row: Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>,
): InsuredPerson {
  return {
    uuid: row.uuid,
    residentId: row.resident_id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birthDate,
    enrolledBy: row.enrolled_by,
    enrolledAt: row.enrolled_at.toISOString(),
  };
}

/** The insured person with this resident ID, or undefined. */
export async function findInsuredByResidentId(
  db: SocialSecurityDb,
  residentId: string,
): Promise<InsuredPerson | undefined> {
  const row = await select(db).where('resident_id', '=', residentId).executeTakeFirst();
  return row && toPerson(row);
}

/** The insured person with this resident ID, or NOT_FOUND naming `field`. */
export async function getInsured(
  db: SocialSecurityDb,
  residentId: string,
  field = 'residentId',
): Promise<InsuredPerson> {
  const person = await findInsuredByResidentId(db, residentId);
  if (!person) throw new DomainError('NOT_FOUND', 'no insured person with this resident ID', { field });
  return person;
}

/** Months with a personal-account credit here: the contribution record this app holds. */
export async function contributionMonths(db: SocialSecurityDb, insuredUuid: string): Promise<number> {
  const row = await db
    .selectFrom('personal_account_entry')
    .select((eb) => eb.fn.count<string>('period').distinct().as('n'))
    .where('insured_uuid', '=', insuredUuid)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
