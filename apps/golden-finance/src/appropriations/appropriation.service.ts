import { DomainError } from '@egov/kernel/errors';
import { type Fen, fen, formatYuan } from '@egov/standards';
import { sql } from 'kysely';
import { unitOfInput } from '../budget-units/budget-unit.service.ts';
import type { GoldenFinanceDb } from '../database.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { toFen } from '@egov/kernel/db';
import type { EconomicClass } from './economic-classes.ts';

export interface Allocation {
  budgetUnit: string;
  fiscalYear: number;
  economicClass: EconomicClass;
  amountFen: Fen;
}

export interface Appropriation {
  id: string;
  budgetUnit: string;
  fiscalYear: number;
  economicClass: string;
  allocatedFen: Fen;
  /** Reserved by payment requests that are requested, approved or executed. */
  committedFen: Fen;
  remainingFen: Fen;
  /** Actually paid out (executed payments). */
  executedFen: Fen;
}

function selectAppropriations(db: GoldenFinanceDb) {
  return db
    .selectFrom('appropriation')
    .innerJoin('budget_unit', 'budget_unit.id', 'appropriation.budget_unit_id')
    .select((eb) => [
      'appropriation.id',
      'budget_unit.code as budgetUnit',
      'appropriation.fiscal_year as fiscalYear',
      'appropriation.economic_class as economicClass',
      'appropriation.allocated',
      'appropriation.committed',
      eb
        .selectFrom('payment')
        .select(sql<string>`coalesce(sum(payment.amount), 0)`.as('executed'))
        .whereRef('payment.appropriation_id', '=', 'appropriation.id')
        .where('payment.status', '=', 'executed')
        .as('executed'),
    ]);
}

type AppropriationSelection = Awaited<
  ReturnType<ReturnType<typeof selectAppropriations>['executeTakeFirstOrThrow']>
>;

function toAppropriation(row: AppropriationSelection): Appropriation {
  const allocatedFen = toFen(row.allocated);
  const committedFen = toFen(row.committed);
  return {
    id: row.id,
    budgetUnit: row.budgetUnit,
    fiscalYear: row.fiscalYear,
    economicClass: row.economicClass,
    allocatedFen,
    committedFen,
    remainingFen: fen(allocatedFen - committedFen),
    executedFen: toFen(row.executed ?? 0), // a scalar subquery over coalesce: null only in its type
  };
}

/**
 * Allocates an appropriation (下达预算指标) to a budget unit for a fiscal year
 * and economic class. One appropriation per (unit, year, class): a second
 * allocation of the same line is a CONFLICT (adjustments are a later feature).
 *
 * @example
 * await allocate(trx, { budgetUnit: '201001', fiscalYear: 2026, economicClass: '302', amountFen: fen(50_000_000) }, recorder);
 */
export async function allocate(
  trx: GoldenFinanceDb,
  allocation: Allocation,
  recorder: Recorder,
): Promise<Appropriation> {
  const unit = await unitOfInput(trx, allocation.budgetUnit);
  const inserted = await trx
    .insertInto('appropriation')
    .values({
      budget_unit_id: unit.id,
      fiscal_year: allocation.fiscalYear,
      economic_class: allocation.economicClass,
      allocated: allocation.amountFen,
      created_at: recorder.at,
      created_by: recorder.by,
    })
    .onConflict((oc) => oc.constraint('appropriation_line').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    throw new DomainError(
      'CONFLICT',
      `${unit.code} already has a ${allocation.fiscalYear} appropriation for class ${allocation.economicClass}`,
      { field: 'economicClass', rule: 'already_allocated' },
    );
  }
  return getAppropriation(trx, inserted.id);
}

/**
 * An appropriation with its remaining amount; NOT_FOUND names `field`.
 *
 * @example
 * (await getAppropriation(db, id)).remainingFen
 */
export async function getAppropriation(
  db: GoldenFinanceDb,
  id: string,
  field = 'id',
): Promise<Appropriation> {
  const row = await selectAppropriations(db).where('appropriation.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no appropriation ${id}`, { field });
  return toAppropriation(row);
}

/**
 * A unit's appropriations, optionally of one fiscal year, by year and class.
 *
 * @example
 * await listAppropriations(db, { budgetUnit: '201001', fiscalYear: 2026 })
 */
export async function listAppropriations(
  db: GoldenFinanceDb,
  filter: { budgetUnit: string; fiscalYear?: number | undefined },
): Promise<Appropriation[]> {
  const unit = await unitOfInput(db, filter.budgetUnit);
  let query = selectAppropriations(db).where('appropriation.budget_unit_id', '=', unit.id);
  if (filter.fiscalYear !== undefined)
    query = query.where('appropriation.fiscal_year', '=', filter.fiscalYear);
  const rows = await query
    .orderBy('appropriation.fiscal_year')
    .orderBy('appropriation.economic_class')
    .execute();
  return rows.map(toAppropriation);
}

/**
 * Reserves `amountFen` of an appropriation in one conditional UPDATE: the row
 * changes only if the remainder covers the amount, evaluated under the row
 * lock. Concurrent reservations queue on that lock and each re-checks the
 * condition against the committed value the previous one left (PostgreSQL
 * re-evaluates the WHERE of a blocked UPDATE on the new row version), so there
 * is no read-then-write window and no reservation can overdraw. A refusal is a
 * CONFLICT naming the amount still remaining.
 *
 * @example
 * const remainingFen = await reserve(trx, appropriationId, fen(120_000));
 */
export async function reserve(trx: GoldenFinanceDb, appropriationId: string, amountFen: Fen): Promise<Fen> {
  const row = await trx
    .updateTable('appropriation')
    .set({ committed: sql<number>`committed + ${amountFen}` })
    .where('id', '=', appropriationId)
    .where(sql<number>`allocated - committed`, '>=', amountFen)
    .returning(sql<string>`allocated - committed`.as('remaining'))
    .executeTakeFirst();
  if (row) return toFen(row.remaining);
  const { remainingFen } = await getAppropriation(trx, appropriationId, 'appropriationId');
  throw new DomainError(
    'CONFLICT',
    `payment of ${formatYuan(amountFen)} yuan exceeds the remaining appropriation of ${formatYuan(remainingFen)} yuan (${remainingFen} fen)`,
    { field: 'amountFen', rule: 'exceeds_appropriation', remainingFen },
  );
}

/**
 * Gives a reservation back (a rejected payment request).
 *
 * @example
 * await release(trx, payment.appropriationId, payment.amountFen);
 */
export async function release(trx: GoldenFinanceDb, appropriationId: string, amountFen: Fen): Promise<void> {
  await trx
    .updateTable('appropriation')
    .set({ committed: sql<number>`committed - ${amountFen}` })
    .where('id', '=', appropriationId)
    .execute();
}
