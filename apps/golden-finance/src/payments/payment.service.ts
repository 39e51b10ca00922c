import { DomainError } from '@egov/kernel/errors';
import type { Fen } from '@egov/standards';
import { release, reserve } from '../appropriations/appropriation.service.ts';
import { unitOfInput } from '../budget-units/budget-unit.service.ts';
import type { GoldenFinanceDb } from '../database.ts';
import { postJournal } from '../ledger/ledger.service.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { businessDate } from '../shared/dates.ts';
import { isoDate, toFen } from '@egov/kernel/db';
import { checkSeparation, checkTransition, paymentJournals } from './payment.rules.ts';
import type { PaymentMethod, PaymentStatus } from './payment.table.ts';

export interface PaymentRequest {
  budgetUnit: string;
  appropriationId: string;
  method: PaymentMethod;
  payee: { name: string; account: string; bank: string };
  amountFen: Fen;
  purpose: string;
}

export interface Payment extends PaymentRequest {
  id: string;
  status: PaymentStatus;
  requestedAt: Date;
  requestedBy: string;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
  executedAt: Date | null;
  /** The treasury day it was paid. */
  businessDate: string | null;
  journalIds: number[];
}

function selectPayment(db: GoldenFinanceDb) {
  return db
    .selectFrom('payment')
    .innerJoin('budget_unit', 'budget_unit.id', 'payment.budget_unit_id')
    .select([
      'payment.id',
      'budget_unit.code as budgetUnit',
      'payment.appropriation_id as appropriationId',
      'payment.method',
      'payment.payee_name',
      'payment.payee_account',
      'payment.payee_bank',
      'payment.amount',
      'payment.purpose',
      'payment.status',
      'payment.requested_at as requestedAt',
      'payment.requested_by as requestedBy',
      'payment.decided_at as decidedAt',
      'payment.decided_by as decidedBy',
      'payment.decision_note as decisionNote',
      'payment.executed_at as executedAt',
      isoDate<null>('payment.business_date').as('businessDate'),
    ]);
}

/**
 * A payment with the journals that booked it; NOT_FOUND names `field`.
 *
 * @example
 * const payment = await getPayment(db, id);
 */
export async function getPayment(db: GoldenFinanceDb, id: string, field = 'id'): Promise<Payment> {
  const row = await selectPayment(db).where('payment.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no payment ${id}`, { field });
  const journals = await db
    .selectFrom('journal')
    .select('id')
    .where('reference', '=', `payment:${id}`)
    .orderBy('id')
    .execute();
  const { payee_name, payee_account, payee_bank, amount, ...rest } = row;
  return {
    ...rest,
    payee: { name: payee_name, account: payee_account, bank: payee_bank },
    amountFen: toFen(amount),
    journalIds: journals.map((j) => Number(j.id)),
  };
}

/**
 * The payments of a budget unit, against appropriations of `fiscalYear` when
 * given, in request order (at most 5,000: one unit's year), with their journals.
 *
 * @example
 * const payments = await listPayments(db, { budgetUnit: '201001', fiscalYear: 2026 });
 */
export async function listPayments(
  db: GoldenFinanceDb,
  filter: { budgetUnit: string; fiscalYear?: number | undefined },
): Promise<Payment[]> {
  let query = selectPayment(db)
    .select('payment.id as paymentId')
    .where('budget_unit.code', '=', filter.budgetUnit);
  if (filter.fiscalYear !== undefined) {
    const year = filter.fiscalYear;
    query = query.where('payment.appropriation_id', 'in', (eb) =>
      eb.selectFrom('appropriation').select('appropriation.id').where('appropriation.fiscal_year', '=', year),
    );
  }
  const rows = await query.orderBy('payment.requested_at').orderBy('payment.id').limit(5_000).execute();
  return Promise.all(rows.map((r) => getPayment(db, r.paymentId)));
}

/**
 * Requests a payment: checks the unit and the appropriation, then reserves
 * the amount against the appropriation atomically (see `reserve`). A request
 * that does not fit is refused with CONFLICT `exceeds_appropriation`, and
 * nothing is written.
 *
 * @example
 * await requestPayment(trx, { budgetUnit: '201001', appropriationId, method: 'direct', payee, amountFen, purpose }, recorder);
 */
export async function requestPayment(
  trx: GoldenFinanceDb,
  request: PaymentRequest,
  recorder: Recorder,
): Promise<Payment> {
  const unit = await unitOfInput(trx, request.budgetUnit);
  const appropriation = await trx
    .selectFrom('appropriation')
    .select(['id', 'budget_unit_id'])
    .where('id', '=', request.appropriationId)
    .executeTakeFirst();
  if (!appropriation) {
    throw new DomainError('INVALID', `no appropriation ${request.appropriationId}`, {
      field: 'appropriationId',
      rule: 'unknown_appropriation',
    });
  }
  if (appropriation.budget_unit_id !== unit.id) {
    throw new DomainError('INVALID', `appropriation ${request.appropriationId} is not ${unit.code}'s`, {
      field: 'appropriationId',
      rule: 'other_budget_unit',
    });
  }
  await reserve(trx, appropriation.id, request.amountFen);
  const { id } = await trx
    .insertInto('payment')
    .values({
      budget_unit_id: unit.id,
      appropriation_id: appropriation.id,
      method: request.method,
      payee_name: request.payee.name,
      payee_account: request.payee.account,
      payee_bank: request.payee.bank,
      amount: request.amountFen,
      purpose: request.purpose,
      status: 'requested',
      requested_at: recorder.at,
      requested_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getPayment(trx, id);
}

/** Locks a payment for the rest of the transaction, so two decisions on it queue and the second sees the first. */
async function lockPayment(trx: GoldenFinanceDb, id: string) {
  const row = await trx
    .selectFrom('payment')
    .innerJoin('budget_unit', 'budget_unit.id', 'payment.budget_unit_id')
    .select([
      'payment.id',
      'payment.status',
      'payment.method',
      'payment.amount',
      'payment.appropriation_id',
      'payment.requested_by',
      'payment.payee_name',
      'budget_unit.code as unitCode',
    ])
    .where('payment.id', '=', id)
    .forUpdate('payment')
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no payment ${id}`, { field: 'paymentId' });
  return row;
}

/**
 * Approves a requested payment (支付审核). The requester may not approve their own.
 *
 * @example
 * await approvePayment(trx, paymentId, 'budget line checked', recorder);
 */
export async function approvePayment(
  trx: GoldenFinanceDb,
  id: string,
  note: string | undefined,
  recorder: Recorder,
): Promise<Payment> {
  const payment = await lockPayment(trx, id);
  checkTransition(payment.status, 'approve');
  checkSeparation(payment.requested_by, recorder.by);
  await trx
    .updateTable('payment')
    .set({
      status: 'approved',
      decided_at: recorder.at,
      decided_by: recorder.by,
      decision_note: note ?? null,
    })
    .where('id', '=', id)
    .execute();
  return getPayment(trx, id);
}

/**
 * Rejects a requested or approved payment and gives its reservation back to the appropriation.
 *
 * @example
 * await rejectPayment(trx, paymentId, 'invoice missing', recorder);
 */
export async function rejectPayment(
  trx: GoldenFinanceDb,
  id: string,
  reason: string,
  recorder: Recorder,
): Promise<Payment> {
  const payment = await lockPayment(trx, id);
  checkTransition(payment.status, 'reject');
  await trx
    .updateTable('payment')
    .set({ status: 'rejected', decided_at: recorder.at, decided_by: recorder.by, decision_note: reason })
    .where('id', '=', id)
    .execute();
  await release(trx, payment.appropriation_id, toFen(payment.amount));
  return getPayment(trx, id);
}

/**
 * Executes an approved payment: books it (expenditure against the paying
 * zero-balance account, then that account's same-day clearing against the
 * TSA) and marks it executed, in one transaction.
 *
 * @example
 * const paid = await executePayment(trx, paymentId, recorder); // paid.journalIds: [payment, clearing]
 */
export async function executePayment(trx: GoldenFinanceDb, id: string, recorder: Recorder): Promise<Payment> {
  const payment = await lockPayment(trx, id);
  checkTransition(payment.status, 'execute');
  const day = businessDate(recorder.at);
  const journals = paymentJournals(
    {
      id,
      method: payment.method,
      unitCode: payment.unitCode,
      amountFen: toFen(payment.amount),
      payeeName: payment.payee_name,
    },
    day,
  );
  for (const journal of journals) await postJournal(trx, journal, recorder);
  await trx
    .updateTable('payment')
    .set({ status: 'executed', executed_at: recorder.at, executed_by: recorder.by, business_date: day })
    .where('id', '=', id)
    .execute();
  // Publish golden-finance.payment.executed.v1 to the outbox here, in this transaction (messaging lands in the kernel).
  return getPayment(trx, id);
}
