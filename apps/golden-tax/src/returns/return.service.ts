import { DomainError } from '@egov/kernel/errors';
import { type Fen, fen } from '@egov/standards';
import type { GoldenTaxDb } from '../database.ts';
import type { TaxpayerKind } from '../rates/vat-rates.ts';
import { type Period, paymentDueOn, periodBounds, periodEnded } from '../shared/periods.rules.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { isoDate, sumFen, toFen } from '@egov/kernel/db';
import { getTaxpayer } from '../taxpayers/taxpayer.service.ts';
import type { PaymentStatus } from './payment.table.ts';
import { computeVatReturn, paymentReference } from './return.rules.ts';

/** A filed return with what it owes. */
export interface VatReturn {
  id: string;
  creditCode: string;
  period: Period;
  kind: TaxpayerKind;
  outputTaxFen: Fen;
  inputTaxFen: Fen;
  creditBroughtForwardFen: Fen;
  payableFen: Fen;
  creditCarriedForwardFen: Fen;
  payment: Payment | null;
}

export interface Payment {
  reference: string;
  amountFen: Fen;
  dueOn: string;
  status: PaymentStatus;
  treasuryReceipt: string | null;
}

/**
 * Whether the taxpayer has filed its return for `period`.
 *
 * @example
 * if (await isPeriodFiled(trx, seller.id, '2024-05')) refuse();
 */
export async function isPeriodFiled(db: GoldenTaxDb, taxpayerId: string, period: Period): Promise<boolean> {
  const row = await db
    .selectFrom('vat_return')
    .select('id')
    .where('taxpayer_id', '=', taxpayerId)
    .where('period', '=', period)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The periods from `from` on for which the taxpayer has filed.
 *
 * @example
 * await filedPeriods(trx, importer.id, '2024-05') // ['2024-05', '2024-06']
 */
export async function filedPeriods(db: GoldenTaxDb, taxpayerId: string, from: Period): Promise<Period[]> {
  const rows = await db
    .selectFrom('vat_return')
    .select('period')
    .where('taxpayer_id', '=', taxpayerId)
    .where('period', '>=', from)
    .orderBy('period')
    .execute();
  return rows.map((r) => r.period);
}

/**
 * Files a VAT return: output tax of the invoices issued in the period (void
 * ones excluded) minus the input recorded for it (claimed invoices, customs
 * certificates) minus the credit the previous return carried forward; a
 * payable amount becomes a payment `due` to the treasury. The taxpayer row is
 * locked for update first, so no invoice, claim or certificate can land in
 * the period while it is being computed, and none after (they refuse or move
 * on once it is filed). Refusals: the period is not over (400
 * `period_not_ended`), it is filed already (409 `already_filed`), a later
 * period is filed (409 `later_period_filed`: returns go in order, so credit
 * carries forward in order).
 *
 * @example
 * const vatReturn = await fileReturn(ctx.db, { creditCode, period: '2024-05' }, recorderOf(ctx));
 */
export async function fileReturn(
  trx: GoldenTaxDb,
  request: { creditCode: string; period: Period },
  recorder: Recorder,
): Promise<VatReturn> {
  const { period } = request;
  const taxpayer = await getTaxpayer(trx, request.creditCode, 'creditCode', { lock: 'update' });
  if (!periodEnded(period, recorder.at)) {
    throw new DomainError('INVALID', `period ${period} is not over yet`, {
      field: 'period',
      rule: 'period_not_ended',
    });
  }
  const filed = await filedPeriods(trx, taxpayer.id, period);
  if (filed.includes(period)) {
    throw new DomainError('CONFLICT', `${taxpayer.creditCode} has already filed its return for ${period}`, {
      field: 'period',
      rule: 'already_filed',
    });
  }
  if (filed.length > 0) {
    throw new DomainError(
      'CONFLICT',
      `${taxpayer.creditCode} has already filed a later period (${filed[0]})`,
      {
        field: 'period',
        rule: 'later_period_filed',
      },
    );
  }
  const { first, next } = periodBounds(period);
  const output = await trx
    .selectFrom('invoice')
    .select(sumFen('invoice.tax_fen').as('sum'))
    .where('seller_id', '=', taxpayer.id)
    .where('status', '=', 'issued')
    .where('issued_on', '>=', first)
    .where('issued_on', '<', next)
    .executeTakeFirstOrThrow();
  const input = await trx
    .selectFrom('input_credit')
    .select(sumFen('input_credit.tax_fen').as('sum'))
    .where('credit_code', '=', taxpayer.creditCode)
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  const previous = await trx
    .selectFrom('vat_return')
    .select('credit_carried_forward_fen')
    .where('taxpayer_id', '=', taxpayer.id)
    .where('period', '<', period)
    .orderBy('period', 'desc')
    .limit(1)
    .executeTakeFirst();
  const computed = computeVatReturn({
    kind: taxpayer.kind,
    outputTaxFen: toFen(output.sum),
    inputTaxFen: toFen(input.sum),
    creditBroughtForwardFen: previous ? toFen(previous.credit_carried_forward_fen) : fen(0),
  });
  const row = await trx
    .insertInto('vat_return')
    .values({
      taxpayer_id: taxpayer.id,
      credit_code: taxpayer.creditCode,
      period,
      kind: taxpayer.kind,
      output_tax_fen: computed.outputTaxFen,
      input_tax_fen: computed.inputTaxFen,
      credit_brought_forward_fen: computed.creditBroughtForwardFen,
      payable_fen: computed.payableFen,
      credit_carried_forward_fen: computed.creditCarriedForwardFen,
      filed_at: recorder.at,
      filed_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let payment: Payment | null = null;
  if (computed.payableFen > 0) {
    payment = {
      reference: paymentReference(period, taxpayer.creditCode),
      amountFen: computed.payableFen,
      dueOn: paymentDueOn(period),
      status: 'due',
      treasuryReceipt: null,
    };
    await trx
      .insertInto('payment')
      .values({
        return_id: row.id,
        credit_code: taxpayer.creditCode,
        reference: payment.reference,
        amount_fen: payment.amountFen,
        due_on: payment.dueOn,
        status: 'due',
        treasury_receipt: null,
      })
      .execute();
  }
  return { id: row.id, creditCode: taxpayer.creditCode, period, kind: taxpayer.kind, ...computed, payment };
}

/**
 * A taxpayer's return for a period with its payment, or undefined.
 *
 * @example
 * await findReturn(ctx.db, creditCode, '2024-05')
 */
export async function findReturn(
  db: GoldenTaxDb,
  creditCode: string,
  period: Period,
): Promise<VatReturn | undefined> {
  const row = await db
    .selectFrom('vat_return')
    .leftJoin('payment', 'payment.return_id', 'vat_return.id')
    .select([
      'vat_return.id',
      'vat_return.credit_code',
      'vat_return.period',
      'vat_return.kind',
      'vat_return.output_tax_fen',
      'vat_return.input_tax_fen',
      'vat_return.credit_brought_forward_fen',
      'vat_return.payable_fen',
      'vat_return.credit_carried_forward_fen',
      'payment.reference',
      'payment.amount_fen',
      isoDate<null>('payment.due_on').as('due_on'),
      'payment.status',
      'payment.treasury_receipt',
    ])
    .where('vat_return.credit_code', '=', creditCode)
    .where('vat_return.period', '=', period)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    creditCode: row.credit_code,
    period: row.period,
    kind: row.kind,
    outputTaxFen: toFen(row.output_tax_fen),
    inputTaxFen: toFen(row.input_tax_fen),
    creditBroughtForwardFen: toFen(row.credit_brought_forward_fen),
    payableFen: toFen(row.payable_fen),
    creditCarriedForwardFen: toFen(row.credit_carried_forward_fen),
    payment:
      row.reference && row.status && row.due_on && row.amount_fen !== null
        ? {
            reference: row.reference,
            amountFen: toFen(row.amount_fen),
            dueOn: row.due_on,
            status: row.status,
            treasuryReceipt: row.treasury_receipt,
          }
        : null,
  };
}

/**
 * Like {@link findReturn}, refusing a missing return with NOT_FOUND.
 */
export async function getReturn(db: GoldenTaxDb, creditCode: string, period: Period): Promise<VatReturn> {
  const found = await findReturn(db, creditCode, period);
  if (!found) {
    throw new DomainError('NOT_FOUND', `${creditCode} has filed no return for ${period}`, {
      field: 'period',
      rule: 'not_filed',
    });
  }
  return found;
}
