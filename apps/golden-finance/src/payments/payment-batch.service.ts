import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { type Fen, fen } from '@egov/standards';
import { reserve } from '../appropriations/appropriation.service.ts';
import { unitOfInput } from '../budget-units/budget-unit.service.ts';
import type { GoldenFinanceDb } from '../database.ts';
import type { PaymentMethod, PaymentStatus } from './payment.table.ts';

/** At most this many lines in one batch request: 100,000 pensioners are 100 requests. */
export const MAX_BATCH_LINES = 1000;

export interface BatchLine {
  /** The caller's own reference of the line (`pension:2026-11:<id>`), unique per caller. */
  reference: string;
  payee: { name: string; account: string; bank: string; residentId?: string | undefined };
  amountFen: Fen;
  purpose: string;
}

export interface BatchRequest {
  budgetUnit: string;
  appropriationId: string;
  method: PaymentMethod;
  lines: BatchLine[];
}

export interface BatchLineResult {
  reference: string;
  paymentId: string;
  status: PaymentStatus;
  amountFen: Fen;
}

export interface BatchResult {
  lines: BatchLineResult[];
  /** Lines requested by this call (the others were requested earlier under the same references). */
  newlyRequested: number;
  /** Lines refused at once because golden-shield had reported the payee dead. */
  cancelled: number;
  /** Reserved against the appropriation by this call. */
  reservedFen: Fen;
}

/**
 * Requests many payments against one appropriation in one transaction (a
 * payroll): one row lock and one conditional UPDATE reserve the sum, one
 * insert writes the lines. Idempotent per line: a reference the caller used
 * before answers with the payment it made then, and reserves nothing again,
 * so a resumed payroll never requests twice. A line whose payee golden-shield
 * reported dead is written `cancelled` and reserves nothing. If the sum does
 * not fit the appropriation the whole batch is refused (CONFLICT
 * `exceeds_appropriation`) and nothing is written.
 *
 * @example
 * await requestPaymentBatch(trx, { budgetUnit: '208001', appropriationId, method: 'direct', lines }, recorder);
 */
export async function requestPaymentBatch(
  trx: GoldenFinanceDb,
  request: BatchRequest,
  recorder: Recorder,
): Promise<BatchResult> {
  const unit = await unitOfInput(trx, request.budgetUnit);
  const appropriation = await trx
    .selectFrom('appropriation')
    .select(['id', 'budget_unit_id'])
    .where('id', '=', request.appropriationId)
    .executeTakeFirst();
  if (!appropriation)
    throw new DomainError('INVALID', `no appropriation ${request.appropriationId}`, {
      field: 'appropriationId',
      rule: 'unknown_appropriation',
    });
  if (appropriation.budget_unit_id !== unit.id)
    throw new DomainError('INVALID', `appropriation ${request.appropriationId} is not ${unit.code}'s`, {
      field: 'appropriationId',
      rule: 'other_budget_unit',
    });
  const source = recorder.by;
  const references = request.lines.map((l) => l.reference);
  const earlier = await trx
    .selectFrom('payment')
    .select(['id', 'source_reference', 'status', 'amount', 'appropriation_id'])
    .where('source', '=', source)
    .where('source_reference', 'in', references)
    .execute();
  const before = new Map(earlier.map((row) => [row.source_reference!, row]));
  for (const [index, line] of request.lines.entries()) {
    const row = before.get(line.reference);
    if (row && (Number(row.amount) !== line.amountFen || row.appropriation_id !== appropriation.id))
      throw new DomainError(
        'CONFLICT',
        `reference ${line.reference} was requested before with other figures`,
        {
          field: `lines.${index}.reference`,
          rule: 'reference_reused',
        },
      );
  }
  const fresh = request.lines.filter((l) => !before.has(l.reference));
  const residentIds = fresh.flatMap((l) => (l.payee.residentId ? [l.payee.residentId] : []));
  const dead = new Set(
    residentIds.length === 0
      ? []
      : (
          await trx
            .selectFrom('deceased_payee')
            .select('resident_id')
            .where('resident_id', 'in', residentIds)
            .execute()
        ).map((r) => r.resident_id),
  );
  const isDead = (l: BatchLine) => l.payee.residentId !== undefined && dead.has(l.payee.residentId);
  // Each line is within AMOUNT_BOUNDS_FEN; their sum is added in bigint and refused past 2^53.
  const total = fresh.filter((l) => !isDead(l)).reduce((sum, l) => sum + BigInt(l.amountFen), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER))
    throw new DomainError('INVALID', 'the lines of one batch may not add up past 2^53 fen', {
      field: 'lines',
      rule: 'sum_too_large',
    });
  if (total > 0n) await reserve(trx, appropriation.id, fen(Number(total)));
  const inserted =
    fresh.length === 0
      ? []
      : await trx
          .insertInto('payment')
          .values(
            fresh.map((l) => ({
              budget_unit_id: unit.id,
              appropriation_id: appropriation.id,
              method: request.method,
              payee_name: l.payee.name,
              payee_account: l.payee.account,
              payee_bank: l.payee.bank,
              payee_resident_id: l.payee.residentId ?? null,
              amount: l.amountFen,
              purpose: l.purpose,
              status: isDead(l) ? ('cancelled' as const) : ('requested' as const),
              requested_at: recorder.at,
              requested_by: recorder.by,
              source,
              source_reference: l.reference,
              ...(isDead(l)
                ? {
                    decided_at: recorder.at,
                    decided_by: recorder.by,
                    decision_note: 'payee recorded deceased',
                  }
                : {}),
            })),
          )
          .returning(['id', 'source_reference', 'status'])
          .execute();
  const now = new Map(inserted.map((row) => [row.source_reference!, row]));
  return {
    lines: request.lines.map((l) => {
      const row = before.get(l.reference) ?? now.get(l.reference)!;
      return { reference: l.reference, paymentId: row.id, status: row.status, amountFen: l.amountFen };
    }),
    newlyRequested: inserted.length,
    cancelled: inserted.filter((r) => r.status === 'cancelled').length,
    reservedFen: fen(Number(total)),
  };
}
