import { DomainError } from '@egov/kernel/errors';
import { type Fen, formatYuan } from '@egov/standards';
import { sql } from 'kysely';
import type { GoldenTaxDb } from '../database.ts';
import type { SupplyCategory } from '../rates/vat-rates.ts';
import { isPeriodFiled } from '../returns/return.service.ts';
import { periodOf } from '../shared/periods.rules.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { isoDate, toFen, toSafeInteger } from '@egov/kernel/db';
import { bureauOf, fitsQuota } from '../taxpayers/taxpayer.rules.ts';
import { getTaxpayer, type Taxpayer } from '../taxpayers/taxpayer.service.ts';
import {
  composeInvoiceNumber,
  type InvoiceLineInput,
  MAX_SERIAL,
  PLATFORM_CHANNEL,
  type PricedLine,
  priceInvoice,
  yearCode,
} from './invoice.rules.ts';
import type { InvoiceStatus } from './invoice.table.ts';

export interface InvoiceIssue {
  sellerCreditCode: string;
  buyer: { creditCode?: string | undefined; name: string };
  lines: InvoiceLineInput[];
  /** `YYYY-MM-DD`, already checked to be a real date not in the future. */
  issuedOn: string;
}

/** An invoice as the services pass it around. */
export interface Invoice {
  id: string;
  number: string;
  status: InvoiceStatus;
  issuedOn: string;
  seller: { creditCode: string; name: string };
  buyer: { creditCode: string | null; name: string };
  lines: PricedLine[];
  amountFen: Fen;
  taxFen: Fen;
  totalFen: Fen;
}

/**
 * Counts `amount` against the seller's quota for `month` in one statement: the
 * upsert creates the month's row or adds to it under the row lock, and its
 * `where` refuses to go past the quota, so parallel issues can never overshoot
 * it together. No row back means the quota would be exceeded.
 */
async function consumeQuota(trx: GoldenTaxDb, seller: Taxpayer, month: string, amount: Fen): Promise<void> {
  const quota = seller.monthlyQuotaFen;
  const row = fitsQuota(0, amount, quota)
    ? await trx
        .insertInto('quota_usage')
        .values({ taxpayer_id: seller.id, month, used_fen: amount })
        .onConflict((oc) =>
          oc
            .columns(['taxpayer_id', 'month'])
            .doUpdateSet({ used_fen: sql`quota_usage.used_fen + excluded.used_fen` })
            .where(sql<boolean>`quota_usage.used_fen + excluded.used_fen <= ${quota}`),
        )
        .returning('used_fen')
        .executeTakeFirst()
    : undefined;
  if (row) return;
  const used = await trx
    .selectFrom('quota_usage')
    .select('used_fen')
    .where('taxpayer_id', '=', seller.id)
    .where('month', '=', month)
    .executeTakeFirst();
  const left = quota - (used ? toFen(used.used_fen) : 0);
  throw new DomainError(
    'CONFLICT',
    `invoicing ${formatYuan(amount)} more in ${month} exceeds the monthly quota of ${formatYuan(quota)} (${formatYuan(left)} left)`,
    { field: 'lines', rule: 'quota_exceeded' },
  );
}

/**
 * Takes the next serial of (year, bureau) in one statement (upsert … returning),
 * under the counter row's lock until the transaction ends: parallel issues
 * queue on the row, and a rolled-back issue gives its serial back, so the
 * serials that exist are exactly 1..n, no gaps. Run it last, after every check.
 */
export async function allocateSerial(trx: GoldenTaxDb, year: string, bureau: string): Promise<number> {
  const row = await trx
    .insertInto('invoice_serial')
    .values({ year, bureau, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(['year', 'bureau'])
        .doUpdateSet({ last_serial: sql`invoice_serial.last_serial + 1` })
        .where(sql<boolean>`invoice_serial.last_serial < ${MAX_SERIAL}`),
    )
    .returning('last_serial')
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', `no invoice serial left for bureau ${bureau} in 20${year}`, {
      field: 'issuedOn',
      rule: 'serial_exhausted',
    });
  }
  return toSafeInteger(row.last_serial);
}

/**
 * Issues an e-invoice: checks the seller, that its period is still open, the
 * rates of every line against the dated table and the monthly quota, then
 * allocates the number and writes the invoice and its lines. Run it in one
 * transaction (a request's `ctx.db` is one): any refusal leaves nothing
 * written, not even a used serial or quota.
 *
 * @example
 * const invoice = await issueInvoice(ctx.db, input, recorderOf(ctx));
 */
export async function issueInvoice(
  trx: GoldenTaxDb,
  issue: InvoiceIssue,
  recorder: Recorder,
): Promise<Invoice> {
  if (issue.buyer.creditCode === issue.sellerCreditCode) {
    throw new DomainError('INVALID', 'a taxpayer cannot invoice itself', {
      field: 'buyer.creditCode',
      rule: 'same_as_seller',
    });
  }
  const seller = await getTaxpayer(trx, issue.sellerCreditCode, 'sellerCreditCode', { lock: 'share' });
  const priced = priceInvoice(issue.lines, seller.kind, issue.issuedOn);
  if (!priced.ok) {
    const { field, rule, message } = priced.problem;
    throw new DomainError('INVALID', message, { field, rule });
  }
  const month = periodOf(issue.issuedOn);
  if (await isPeriodFiled(trx, seller.id, month)) {
    throw new DomainError('CONFLICT', `${seller.creditCode} has already filed its return for ${month}`, {
      field: 'issuedOn',
      rule: 'period_filed',
    });
  }
  const { lines, amountFen, taxFen, totalFen } = priced.value;
  await consumeQuota(trx, seller, month, amountFen);
  const year = yearCode(issue.issuedOn);
  const bureau = bureauOf(seller.division);
  const serial = await allocateSerial(trx, year, bureau);
  const number = composeInvoiceNumber({ year, bureau, channel: PLATFORM_CHANNEL, serial });
  const buyerCreditCode = issue.buyer.creditCode ?? null;
  const { id } = await trx
    .insertInto('invoice')
    .values({
      number,
      seller_id: seller.id,
      seller_credit_code: seller.creditCode,
      seller_name: seller.name,
      buyer_credit_code: buyerCreditCode,
      buyer_name: issue.buyer.name,
      issued_on: issue.issuedOn,
      amount_fen: amountFen,
      tax_fen: taxFen,
      total_fen: totalFen,
      status: 'issued',
      issued_at: recorder.at,
      issued_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_line')
    .values(
      lines.map((l) => ({
        invoice_id: id,
        line_no: l.lineNo,
        description: l.description,
        category: l.category,
        quantity: l.quantity,
        unit_price_fen: l.unitPriceFen,
        rate: l.rate,
        amount_fen: l.amountFen,
        tax_fen: l.taxFen,
      })),
    )
    .execute();
  return {
    id,
    number,
    status: 'issued',
    issuedOn: issue.issuedOn,
    seller: { creditCode: seller.creditCode, name: seller.name },
    buyer: { creditCode: buyerCreditCode, name: issue.buyer.name },
    lines,
    amountFen,
    taxFen,
    totalFen,
  };
}

/**
 * An invoice by number with its lines, or undefined.
 *
 * @example
 * const invoice = await findInvoice(ctx.db, '24351000000000000001');
 */
export async function findInvoice(db: GoldenTaxDb, number: string): Promise<Invoice | undefined> {
  const row = await db
    .selectFrom('invoice')
    .select([
      'id',
      'number',
      'status',
      'seller_credit_code',
      'seller_name',
      'buyer_credit_code',
      'buyer_name',
      'amount_fen',
      'tax_fen',
      'total_fen',
      isoDate('invoice.issued_on').as('issued_on'),
    ])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return undefined;
  const lines = await db
    .selectFrom('invoice_line')
    .selectAll()
    .where('invoice_id', '=', row.id)
    .orderBy('line_no')
    .execute();
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    issuedOn: row.issued_on,
    seller: { creditCode: row.seller_credit_code, name: row.seller_name },
    buyer: { creditCode: row.buyer_credit_code, name: row.buyer_name },
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      category: l.category as SupplyCategory,
      quantity: l.quantity,
      unitPriceFen: toFen(l.unit_price_fen),
      rate: l.rate,
      amountFen: toFen(l.amount_fen),
      taxFen: toFen(l.tax_fen),
    })),
    amountFen: toFen(row.amount_fen),
    taxFen: toFen(row.tax_fen),
    totalFen: toFen(row.total_fen),
  };
}

/**
 * Like {@link findInvoice}, refusing an unknown number with NOT_FOUND.
 */
export async function getInvoice(db: GoldenTaxDb, number: string, field = 'number'): Promise<Invoice> {
  const invoice = await findInvoice(db, number);
  if (!invoice) throw new DomainError('NOT_FOUND', `no invoice ${number}`, { field, rule: 'not_found' });
  return invoice;
}

export type Verification =
  | { valid: true; issuedOn: string; sellerName: string; status: InvoiceStatus }
  | { valid: false };

/**
 * Public invoice verification (发票查验): whoever holds the number and the
 * total (价税合计) learns the issue date, the seller's name and the status;
 * any other pair learns only `{ valid: false }`, the same for an unknown
 * number as for a wrong amount.
 *
 * @example
 * await verifyInvoice(db, '24351000000000000001', 2_260_000) // { valid: true, issuedOn: '2024-05-01', … }
 */
export async function verifyInvoice(
  db: GoldenTaxDb,
  number: string,
  totalFen: number,
): Promise<Verification> {
  const row = await db
    .selectFrom('invoice')
    .select(['seller_name', 'status', 'total_fen', isoDate('invoice.issued_on').as('issued_on')])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row || toFen(row.total_fen) !== totalFen) return { valid: false };
  return { valid: true, issuedOn: row.issued_on, sellerName: row.seller_name, status: row.status };
}

/**
 * Cancels an invoice the buyer has not claimed, in a period the seller has
 * not filed, and gives its amount back to the month's quota. (Fully digital
 * invoices are corrected in practice by a red-letter invoice (红字发票) after a
 * confirmation by the buyer: not modelled; this is the simple cancellation.)
 *
 * @example
 * await voidInvoice(ctx.db, { number, reason: '开票信息有误' }, recorderOf(ctx));
 */
export async function voidInvoice(
  trx: GoldenTaxDb,
  request: { number: string; reason: string },
  recorder: Recorder,
): Promise<Invoice> {
  const found = await getInvoice(trx, request.number);
  // Taxpayer first, then the invoice: the order every writer takes, so none waits on another in a circle.
  const seller = await getTaxpayer(trx, found.seller.creditCode, 'number', { lock: 'share' });
  const row = await trx
    .selectFrom('invoice')
    .select(['id', 'status'])
    .where('id', '=', found.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.status === 'voided') {
    throw new DomainError('CONFLICT', `invoice ${request.number} is already void`, {
      field: 'number',
      rule: 'already_voided',
    });
  }
  const claimed = await trx
    .selectFrom('input_credit')
    .select('id')
    .where('invoice_id', '=', found.id)
    .executeTakeFirst();
  if (claimed) {
    throw new DomainError('CONFLICT', `invoice ${request.number} is claimed as input by the buyer`, {
      field: 'number',
      rule: 'claimed',
    });
  }
  const month = periodOf(found.issuedOn);
  if (await isPeriodFiled(trx, seller.id, month)) {
    throw new DomainError('CONFLICT', `the seller has already filed its return for ${month}`, {
      field: 'number',
      rule: 'period_filed',
    });
  }
  await trx
    .updateTable('invoice')
    .set({ status: 'voided', voided_at: recorder.at, voided_by: recorder.by, void_reason: request.reason })
    .where('id', '=', found.id)
    .execute();
  await trx
    .updateTable('quota_usage')
    .set({ used_fen: sql`used_fen - ${found.amountFen}` })
    .where('taxpayer_id', '=', seller.id)
    .where('month', '=', month)
    .execute();
  return { ...found, status: 'voided' };
}
