import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { maskBankCard } from '@egov/standards';
import { sql } from 'kysely';
import type { FinancialSupervisionDb } from '../database.ts';
import { requireInstitution } from '../institutions/institution.service.ts';
import { table } from '../shared/tables.ts';
import { binOf, type CardStatus, canChangeStatus } from './card.rules.ts';

export interface BinRange {
  id: number;
  institution: string;
  binFrom: string;
  binTo: string;
  cardLength: number;
}

/** Registers a BIN range for an issuing institution; 409 `bin_overlap` when it overlaps another range. */
export async function registerBinRange(
  db: FinancialSupervisionDb,
  input: { institution: string; binFrom: string; binTo: string; cardLength: number },
  recorder: Recorder,
): Promise<BinRange> {
  const issuer = await requireInstitution(db, input.institution, 'institution');
  if (issuer.kind !== 'bank' && issuer.kind !== 'finance-company')
    throw new DomainError('INVALID', 'only banks and finance companies issue bank cards', {
      field: 'institution',
      rule: 'not_an_issuer',
    });
  const from = Number(input.binFrom);
  const to = Number(input.binTo);
  if (from > to)
    throw new DomainError('INVALID', 'binTo is below binFrom', { field: 'binTo', rule: 'range_order' });
  // Registrations of ranges take turns (they are rare), so the overlap check below cannot race;
  // the exclusion constraint stays the backstop.
  await sql`lock table ${table(db, 'bin_range')} in share row exclusive mode`.execute(db);
  const overlap = await db
    .selectFrom('bin_range')
    .select(['id', 'institution'])
    .where('bin_from', '<=', to)
    .where('bin_to', '>=', from)
    .executeTakeFirst();
  if (overlap)
    throw new DomainError(
      'CONFLICT',
      `the range overlaps BIN range ${overlap.id} of ${overlap.institution}`,
      {
        field: 'binFrom',
        rule: 'bin_overlap',
      },
    );
  const row = await db
    .insertInto('bin_range')
    .values({
      institution: input.institution,
      bin_from: from,
      bin_to: to,
      card_length: input.cardLength,
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    institution: input.institution,
    binFrom: input.binFrom,
    binTo: input.binTo,
    cardLength: input.cardLength,
  };
}

export interface Card {
  card: string;
  institution: string;
  issuerName: string;
  status: CardStatus;
  registeredAt: string;
}

const view = (r: {
  pan: string;
  institution: string;
  name: string;
  status: CardStatus;
  registered_at: Date;
}): Card => ({
  card: maskBankCard(r.pan),
  institution: r.institution,
  issuerName: r.name,
  status: r.status,
  registeredAt: r.registered_at.toISOString(),
});

/**
 * Registers a card number (already Luhn-checked by its schema) under the
 * institution whose BIN range holds it, with the range's length; 400 naming
 * the rule otherwise, 409 for a number on file.
 */
export async function registerCard(
  db: FinancialSupervisionDb,
  input: { institution: string; pan: string },
  recorder: Recorder,
): Promise<Card> {
  const issuer = await requireInstitution(db, input.institution, 'institution');
  if (issuer.status !== 'active')
    throw new DomainError('CONFLICT', `the issuer is ${issuer.status}: it may not issue cards`, {
      field: 'institution',
      rule: issuer.status,
    });
  const bin = binOf(input.pan);
  const range = await db
    .selectFrom('bin_range')
    .selectAll()
    .where('bin_from', '<=', bin)
    .where('bin_to', '>=', bin)
    .executeTakeFirst();
  if (!range)
    throw new DomainError('INVALID', `no issuer has registered BIN ${input.pan.slice(0, 6)}`, {
      field: 'pan',
      rule: 'unknown_bin',
    });
  if (range.institution !== input.institution)
    throw new DomainError('INVALID', `BIN ${input.pan.slice(0, 6)} belongs to another issuer`, {
      field: 'pan',
      rule: 'bin_of_other_issuer',
    });
  if (range.card_length !== input.pan.length)
    throw new DomainError(
      'INVALID',
      `cards of BIN range ${range.id} have ${range.card_length} digits, not ${input.pan.length}`,
      {
        field: 'pan',
        rule: 'length_for_bin',
      },
    );
  const row = await db
    .insertInto('bank_card')
    .values({
      pan: input.pan,
      institution: input.institution,
      bin_range_id: range.id,
      status: 'active',
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('pan')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', 'this card number is on the registry already', {
      field: 'pan',
      rule: 'already_registered',
    });
  return view({
    pan: input.pan,
    institution: input.institution,
    name: issuer.name,
    status: 'active',
    registered_at: recorder.at,
  });
}

async function findCard(db: FinancialSupervisionDb, pan: string, lock = false) {
  let q = db
    .selectFrom('bank_card as c')
    .innerJoin('institution as i', 'i.credit_code', 'c.institution')
    .select(['c.pan', 'c.institution', 'i.name', 'c.status', 'c.registered_at'])
    .where('c.pan', '=', pan);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Freezes, reports lost, reactivates or cancels a card; 409 naming the rule for a change not allowed. */
export async function setCardStatus(
  db: FinancialSupervisionDb,
  input: { pan: string; status: CardStatus },
  recorder: Recorder,
): Promise<Card> {
  const card = await findCard(db, input.pan, true);
  if (!card) throw new DomainError('NOT_FOUND', 'no such card on the registry', { field: 'pan' });
  if (!canChangeStatus(card.status, input.status))
    throw new DomainError('CONFLICT', `a ${card.status} card cannot become ${input.status}`, {
      field: 'status',
      rule: 'status_change',
    });
  await db
    .updateTable('bank_card')
    .set({ status: input.status, status_changed_at: recorder.at })
    .where('pan', '=', input.pan)
    .execute();
  return view({ ...card, status: input.status });
}

/** What another agency learns of a card: its status and issuer, or `unknown`; the number masked. */
export async function checkCard(db: FinancialSupervisionDb, pan: string) {
  const card = await findCard(db, pan);
  if (!card) return { card: maskBankCard(pan), status: 'unknown' as const, issuerName: null };
  return { card: maskBankCard(pan), status: card.status, issuerName: card.name };
}
