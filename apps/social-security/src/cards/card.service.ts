import { toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { validateBankCard } from '@egov/standards';
import type { SocialSecurityDb } from '../database.ts';
import { requireInsured } from '../employers/employer.service.ts';
import type { InsuredPerson } from '../insured/insured.service.ts';

export interface Card {
  id: number;
  person: InsuredPerson;
  bankCard: string;
  status: 'active' | 'lost' | 'replaced';
  replacesId: number | null;
  issuedAt: string;
  lostAt: string | null;
}

async function currentCard(
  db: SocialSecurityDb,
  person: InsuredPerson,
  lock = false,
): Promise<Card | undefined> {
  let query = db
    .selectFrom('card')
    .selectAll()
    .where('insured_uuid', '=', person.uuid)
    .where('status', '<>', 'replaced');
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return (
    row && {
      id: toSafeInteger(row.id),
      person,
      bankCard: row.bank_card,
      status: row.status,
      replacesId: row.replaces_id === null ? null : toSafeInteger(row.replaces_id),
      issuedAt: row.issued_at.toISOString(),
      lostAt: row.lost_at?.toISOString() ?? null,
    }
  );
}

async function insertCard(
  db: SocialSecurityDb,
  person: InsuredPerson,
  bankCard: string,
  replacesId: number | null,
  recorder: Recorder,
): Promise<Card> {
  const checked = validateBankCard(bankCard);
  if (!checked.ok)
    throw new DomainError('INVALID', checked.message, { field: 'bankCard', rule: checked.part });
  const row = await db
    .insertInto('card')
    .values({
      insured_uuid: person.uuid,
      bank_card: checked.value,
      status: 'active',
      replaces_id: replacesId,
      issued_by: recorder.by,
      issued_at: recorder.at,
    })
    .onConflict((oc) => oc.column('bank_card').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', 'this bank card number is on another social-security card', {
      field: 'bankCard',
      rule: 'bank_card_in_use',
    });
  const card = await currentCard(db, person);
  if (!card) throw new Error('a card just written cannot be read back');
  return card;
}

/**
 * Issues a person's first card (or a new one after a reissue chain ended);
 * 409 while the person holds a current card, active or lost.
 *
 * @example
 * await issueCard(trx, { residentId, bankCard: '6222021001123456789' }, recorderOf(ctx));
 */
export async function issueCard(
  db: SocialSecurityDb,
  input: { residentId: string; bankCard: string },
  recorder: Recorder,
): Promise<Card> {
  const person = await requireInsured(db, input.residentId);
  await db.selectFrom('insured_person').select('uuid').where('uuid', '=', person.uuid).forUpdate().execute();
  const current = await currentCard(db, person);
  if (current)
    throw new DomainError(
      'CONFLICT',
      current.status === 'lost'
        ? 'the card is reported lost: reissue it instead'
        : 'this person holds an active card already',
      { field: 'residentId', rule: current.status === 'lost' ? 'card_lost' : 'card_held' },
    );
  return insertCard(db, person, input.bankCard, null, recorder);
}

/** Reports the person's active card lost, which blocks it; 409 when there is no active card. */
export async function reportCardLost(
  db: SocialSecurityDb,
  input: { residentId: string },
  recorder: Recorder,
): Promise<Card> {
  const person = await requireInsured(db, input.residentId);
  const current = await currentCard(db, person, true);
  if (current?.status !== 'active')
    throw new DomainError('CONFLICT', 'this person has no active card to report lost', {
      field: 'residentId',
      rule: 'no_active_card',
    });
  await db
    .updateTable('card')
    .set({ status: 'lost', lost_at: recorder.at })
    .where('id', '=', current.id)
    .execute();
  return { ...current, status: 'lost', lostAt: recorder.at.toISOString() };
}

/**
 * Reissues a card reported lost: the lost card becomes `replaced` and a new
 * card with a new bank card number takes its place; 409 unless the current card is lost.
 */
export async function reissueCard(
  db: SocialSecurityDb,
  input: { residentId: string; bankCard: string },
  recorder: Recorder,
): Promise<Card> {
  const person = await requireInsured(db, input.residentId);
  const current = await currentCard(db, person, true);
  if (current?.status !== 'lost')
    throw new DomainError('CONFLICT', 'only a card reported lost is reissued', {
      field: 'residentId',
      rule: 'not_lost',
    });
  await db.updateTable('card').set({ status: 'replaced' }).where('id', '=', current.id).execute();
  return insertCard(db, person, input.bankCard, current.id, recorder);
}

/** The person's current card, or NOT_FOUND. */
export async function getCard(db: SocialSecurityDb, residentId: string): Promise<Card> {
  const person = await requireInsured(db, residentId);
  const card = await currentCard(db, person);
  if (!card) throw new DomainError('NOT_FOUND', 'this person holds no card', { field: 'residentId' });
  return card;
}
