import { randomUUID } from 'node:crypto';
import { toFen, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { type Fen, issueCreditCode, organisationBodyForSequence, validateCreditCode } from '@egov/standards';
import { sql } from 'kysely';
import type { GoldenQualityDb } from '../database.ts';
import type { IdentityRegister } from '../shared/identity.ts';
import { checkEntityType, nextStatus, type StatusAction } from './entity.rules.ts';
import type { EntityStatus } from './entity.table.ts';

export interface EntityRegistration {
  authority: string;
  entityType: string;
  name: string;
  division: string;
  address: string;
  legalRepresentative: { name: string; residentId: string };
  registeredCapitalFen: number | null;
  businessScope: string;
}

/** A legal entity as the services pass it around (the legal representative's ID in full: views mask it). */
export interface LegalEntity {
  uuid: string;
  creditCode: string;
  organisationCode: string;
  authority: string;
  entityType: string;
  entityTypeName: string;
  name: string;
  division: string;
  address: string;
  legalRepresentative: { name: string; residentId: string };
  registeredCapitalFen: Fen | null;
  businessScope: string;
  status: EntityStatus;
  registeredAt: Date;
  statusChangedAt: Date;
  statusReason: string | null;
}

/** The purpose golden-shield logs with each check (it must be 10 to 200 characters). */
export const registrationPurpose = (name: string) =>
  `legal representative of ${name} at its registration in the legal-entity base (法人登记)`.slice(0, 200);

const nameTaken = (name: string) =>
  new DomainError('CONFLICT', `the name "${name}" belongs to a registered entity`, {
    field: 'name',
    rule: 'name_taken',
  });

/**
 * Takes the next organisation-code number of `authority`. The upsert locks the
 * authority's counter row until the transaction ends, so concurrent
 * registrations queue here and never share a number; a registration that rolls
 * back hands its number back with it, before any code was shown to anyone.
 */
async function nextSequence(db: GoldenQualityDb, authority: string): Promise<number> {
  const row = await db
    .insertInto('code_sequence')
    .values({ authority, last: 1 })
    .onConflict((oc) => oc.column('authority').doUpdateSet({ last: sql`code_sequence.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return toSafeInteger(row.last);
}

/**
 * Registers a legal entity and issues its unified social credit code
 * (GB 32100-2015): registration authority + entity type + the domicile's
 * GB/T 2260 division + a GB 11714 organisation code (the authority's next
 * number, `organisationBodyForSequence`, with its check character) + the final
 * check character. golden-shield must confirm the legal representative's name
 * and resident ID first (400 `not_on_file` / `mismatch`); a live entity's name
 * is refused (409 `name_taken`), also under a race (the partial unique index).
 *
 * @example
 * await registerEntity(trx, { authority: '9', entityType: '1', name: '北京示例科技有限公司', … }, shield, recorder);
 */
export async function registerEntity(
  db: GoldenQualityDb,
  input: EntityRegistration,
  identity: IdentityRegister,
  recorder: Recorder,
): Promise<LegalEntity> {
  const type = checkEntityType(input.authority, input.entityType);
  if (!type.ok) throw new DomainError('INVALID', type.message, { field: 'entityType', rule: type.part });
  if (await findLiveByName(db, input.name)) throw nameTaken(input.name);
  const rep = input.legalRepresentative;
  const answer = await identity.verify({
    name: rep.name,
    residentId: rep.residentId,
    purpose: registrationPurpose(input.name),
  });
  if (answer !== 'match')
    throw new DomainError(
      'INVALID',
      answer === 'not_on_file'
        ? 'golden-shield has no living resident with the legal representative’s ID'
        : 'golden-shield says the legal representative’s name and resident ID do not belong together',
      { field: 'legalRepresentative.residentId', rule: answer },
    );
  const sequence = await nextSequence(db, input.authority);
  const organisationBody = organisationBodyForSequence(input.authority, sequence);
  const creditCode = issueCreditCode({
    authority: input.authority,
    entityType: input.entityType,
    division: input.division,
    organisationBody,
  });
  const uuid = randomUUID();
  const row = await db
    .insertInto('legal_entity')
    .values({
      uuid,
      credit_code: creditCode,
      organisation_code: creditCode.slice(8, 17),
      authority: input.authority,
      entity_type: input.entityType,
      name: input.name,
      division: input.division,
      address: input.address,
      legal_rep_name: rep.name,
      legal_rep_id: rep.residentId,
      registered_capital_fen: input.registeredCapitalFen,
      business_scope: input.businessScope,
      status: 'active',
      registered_by: recorder.by,
      registered_at: recorder.at,
      status_changed_at: recorder.at,
      status_reason: null,
    })
    .onConflict((oc) => oc.column('name').where('status', '<>', 'deregistered').doNothing())
    .returning('uuid')
    .executeTakeFirst();
  // A concurrent registration of the same name won the race.
  if (!row) throw nameTaken(input.name);
  return getEntity(db, creditCode);
}

const columns = [
  'uuid',
  'credit_code',
  'organisation_code',
  'authority',
  'entity_type',
  'name',
  'division',
  'address',
  'legal_rep_name',
  'legal_rep_id',
  'registered_capital_fen',
  'business_scope',
  'status',
  'registered_at',
  'status_changed_at',
  'status_reason',
] as const;

type Row = {
  uuid: string;
  credit_code: string;
  organisation_code: string;
  authority: string;
  entity_type: string;
  name: string;
  division: string;
  address: string;
  legal_rep_name: string;
  legal_rep_id: string;
  registered_capital_fen: string | number | bigint | null;
  business_scope: string;
  status: EntityStatus;
  registered_at: Date;
  status_changed_at: Date;
  status_reason: string | null;
};

function toEntity(row: Row): LegalEntity {
  const type = checkEntityType(row.authority, row.entity_type);
  return {
    uuid: row.uuid,
    creditCode: row.credit_code,
    organisationCode: row.organisation_code,
    authority: row.authority,
    entityType: row.entity_type,
    entityTypeName: type.ok ? type.value : '',
    name: row.name,
    division: row.division,
    address: row.address,
    legalRepresentative: { name: row.legal_rep_name, residentId: row.legal_rep_id },
    registeredCapitalFen: row.registered_capital_fen === null ? null : toFen(row.registered_capital_fen),
    businessScope: row.business_scope,
    status: row.status,
    registeredAt: row.registered_at,
    statusChangedAt: row.status_changed_at,
    statusReason: row.status_reason,
  };
}

async function findLiveByName(db: GoldenQualityDb, name: string) {
  return db
    .selectFrom('legal_entity')
    .select('uuid')
    .where('name', '=', name)
    .where('status', '<>', 'deregistered')
    .executeTakeFirst();
}

/** The entity with this credit code, or undefined (also for a text that is no valid code). */
export async function findEntity(
  db: GoldenQualityDb,
  creditCode: string,
  options: { lock?: boolean } = {},
): Promise<LegalEntity | undefined> {
  const parsed = validateCreditCode(creditCode);
  if (!parsed.ok) return undefined;
  let query = db.selectFrom('legal_entity').select(columns).where('credit_code', '=', parsed.value);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toEntity(row);
}

/** Like {@link findEntity}, refusing an unknown code with 404 on `field`. */
export async function getEntity(
  db: GoldenQualityDb,
  creditCode: string,
  field = 'creditCode',
  options: { lock?: boolean } = {},
): Promise<LegalEntity> {
  const entity = await findEntity(db, creditCode, options);
  if (!entity)
    throw new DomainError('NOT_FOUND', `no legal entity with credit code ${creditCode}`, {
      field,
      rule: 'not_registered',
    });
  return entity;
}

/**
 * Entities whose name contains `name` (and in `division`, with `status`, when given), newest first.
 *
 * @example
 * await searchEntities(db, { name: '科技', limit: 20 });
 */
export async function searchEntities(
  db: GoldenQualityDb,
  filter: {
    name?: string | undefined;
    division?: string | undefined;
    status?: EntityStatus | undefined;
    limit: number;
  },
): Promise<LegalEntity[]> {
  let query = db.selectFrom('legal_entity').select(columns);
  if (filter.name) query = query.where('name', 'like', `%${filter.name.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.division) query = query.where('division', '=', filter.division);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query
    .orderBy('registered_at', 'desc')
    .orderBy('credit_code')
    .limit(filter.limit)
    .execute();
  return rows.map(toEntity);
}

/**
 * Suspends, reinstates or deregisters an entity (row locked; 409 `transition` otherwise).
 * Deregistration is final and the code is never issued again.
 *
 * @example
 * await changeStatus(trx, { creditCode, action: 'suspend', reason: '未按期年报' }, recorder);
 */
export async function changeStatus(
  db: GoldenQualityDb,
  input: { creditCode: string; action: StatusAction; reason: string },
  recorder: Recorder,
): Promise<LegalEntity> {
  const entity = await getEntity(db, input.creditCode, 'creditCode', { lock: true });
  const next = nextStatus(entity.status, input.action);
  if (!next.ok) throw new DomainError('CONFLICT', next.message, { field: 'action', rule: next.part });
  await db
    .updateTable('legal_entity')
    .set({ status: next.value, status_changed_at: recorder.at, status_reason: input.reason })
    .where('uuid', '=', entity.uuid)
    .execute();
  return getEntity(db, entity.creditCode);
}
