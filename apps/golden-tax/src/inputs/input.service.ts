import { DomainError } from '@egov/kernel/errors';
import { chinaDate, type Fen, formatYuan } from '@egov/standards';
import type { GoldenTaxDb } from '../database.ts';
import { getInvoice } from '../invoices/invoice.service.ts';
import { filedPeriods, isPeriodFiled } from '../returns/return.service.ts';
import { firstOpenPeriod, type Period, periodOf } from '../shared/periods.rules.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { isoDate, toFen } from '@egov/kernel/db';
import { findTaxpayer, getTaxpayer } from '../taxpayers/taxpayer.service.ts';
import type { InputSource } from './input.table.ts';

/** A customs import-VAT certificate, as the event carries it. */
export interface ImportVatCertificate {
  certificateNo: string;
  declarationId: string;
  importerCreditCode: string;
  vatFen: number;
  /** `YYYY-MM-DD` */
  paidOn: string;
}

/** One deductible input as listed to officials. */
export interface InputCredit {
  source: InputSource;
  /** The invoice number or the certificate number. */
  reference: string;
  declarationId: string | null;
  taxFen: Fen;
  period: Period;
  evidenceDate: string;
}

/**
 * A buyer claims a received invoice as deductible input (勾选抵扣) in
 * `period`. The invoice must exist, be addressed to the buyer's credit code
 * and not be void; the buyer must be a general taxpayer (small-scale
 * taxpayers deduct nothing); the period must not precede the invoice's month,
 * lie after this month, nor be filed already. An invoice is claimed once.
 *
 * @example
 * await claimInvoice(ctx.db, { creditCode: buyer, number, period: '2024-05' }, recorderOf(ctx));
 */
export async function claimInvoice(
  trx: GoldenTaxDb,
  claim: { creditCode: string; number: string; period: Period },
  recorder: Recorder,
): Promise<InputCredit> {
  const buyer = await getTaxpayer(trx, claim.creditCode, 'creditCode', { lock: 'share' });
  if (buyer.kind !== 'general') {
    throw new DomainError('INVALID', `${buyer.creditCode} is a small-scale taxpayer and deducts no input`, {
      field: 'creditCode',
      rule: 'not_general_taxpayer',
    });
  }
  const invoice = await getInvoice(trx, claim.number);
  if (invoice.buyer.creditCode !== buyer.creditCode) {
    throw new DomainError('INVALID', `invoice ${claim.number} is not addressed to ${buyer.creditCode}`, {
      field: 'number',
      rule: 'not_addressed_to_buyer',
    });
  }
  // Held against a concurrent cancellation until this claim commits.
  const { status } = await trx
    .selectFrom('invoice')
    .select('status')
    .where('id', '=', invoice.id)
    .forShare()
    .executeTakeFirstOrThrow();
  if (status === 'voided') {
    throw new DomainError('CONFLICT', `invoice ${claim.number} is void`, { field: 'number', rule: 'voided' });
  }
  if (claim.period < periodOf(invoice.issuedOn)) {
    throw new DomainError(
      'INVALID',
      `invoice ${claim.number} was issued on ${invoice.issuedOn}, after period ${claim.period}`,
      { field: 'period', rule: 'before_issue' },
    );
  }
  const thisMonth = periodOf(chinaDate(recorder.at));
  if (claim.period > thisMonth) {
    throw new DomainError('INVALID', `period ${claim.period} has not begun (this is ${thisMonth})`, {
      field: 'period',
      rule: 'in_future',
    });
  }
  if (await isPeriodFiled(trx, buyer.id, claim.period)) {
    throw new DomainError(
      'CONFLICT',
      `${buyer.creditCode} has already filed its return for ${claim.period}`,
      {
        field: 'period',
        rule: 'period_filed',
      },
    );
  }
  const row = await trx
    .insertInto('input_credit')
    .values({
      credit_code: buyer.creditCode,
      source: 'invoice',
      invoice_id: invoice.id,
      certificate_no: null,
      declaration_id: null,
      tax_fen: invoice.taxFen,
      period: claim.period,
      evidence_date: invoice.issuedOn,
      recorded_at: recorder.at,
      recorded_by: recorder.by,
    })
    .onConflict((oc) => oc.column('invoice_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', `invoice ${claim.number} is already claimed`, {
      field: 'number',
      rule: 'already_claimed',
    });
  }
  return {
    source: 'invoice',
    reference: invoice.number,
    declarationId: null,
    taxFen: invoice.taxFen,
    period: claim.period,
    evidenceDate: invoice.issuedOn,
  };
}

/**
 * Records a customs import-VAT certificate as the importer's deductible
 * input, once per certificate number (a redelivered or re-sent event changes
 * nothing). It is deducted in the month it was paid, or, when the importer
 * has filed that month already, in the first month not yet filed. A
 * certificate number seen before with other figures is an error: it goes to
 * the dead letters for a person to look at, instead of being ignored.
 *
 * @example
 * onEvent(importVatCertified, (trx, payload, envelope) => recordImportVatCertificate(trx, payload, { by: `event:${envelope.producer}`, at: new Date() }))
 */
export async function recordImportVatCertificate(
  trx: GoldenTaxDb,
  certificate: ImportVatCertificate,
  recorder: Recorder,
): Promise<{ recorded: boolean; period: Period }> {
  const importer = await findTaxpayer(trx, certificate.importerCreditCode, { lock: 'share' });
  const paidIn = periodOf(certificate.paidOn);
  const period = importer ? firstOpenPeriod(paidIn, await filedPeriods(trx, importer.id, paidIn)) : paidIn;
  const row = await trx
    .insertInto('input_credit')
    .values({
      credit_code: certificate.importerCreditCode,
      source: 'customs',
      invoice_id: null,
      certificate_no: certificate.certificateNo,
      declaration_id: certificate.declarationId,
      tax_fen: certificate.vatFen,
      period,
      evidence_date: certificate.paidOn,
      recorded_at: recorder.at,
      recorded_by: recorder.by,
    })
    .onConflict((oc) => oc.column('certificate_no').doNothing())
    .returning('period')
    .executeTakeFirst();
  if (row) return { recorded: true, period: row.period };
  const seen = await trx
    .selectFrom('input_credit')
    .select(['credit_code', 'declaration_id', 'tax_fen', 'period'])
    .where('certificate_no', '=', certificate.certificateNo)
    .executeTakeFirstOrThrow();
  if (
    seen.credit_code !== certificate.importerCreditCode ||
    seen.declaration_id !== certificate.declarationId ||
    toFen(seen.tax_fen) !== certificate.vatFen
  ) {
    throw new Error(
      `import-VAT certificate ${certificate.certificateNo} arrived again with other figures ` +
        `(${certificate.importerCreditCode}, ${certificate.declarationId}, ${formatYuan(certificate.vatFen)}): refused`,
    );
  }
  return { recorded: false, period: seen.period };
}

/**
 * A taxpayer's deductible inputs for a period, invoices and certificates.
 *
 * @example
 * await listInputs(ctx.db, creditCode, '2024-05')
 */
export async function listInputs(
  db: GoldenTaxDb,
  creditCode: string,
  period: Period,
): Promise<InputCredit[]> {
  const rows = await db
    .selectFrom('input_credit')
    .leftJoin('invoice', 'invoice.id', 'input_credit.invoice_id')
    .select([
      'input_credit.source',
      'invoice.number',
      'input_credit.certificate_no',
      'input_credit.declaration_id',
      'input_credit.tax_fen',
      'input_credit.period',
      isoDate('input_credit.evidence_date').as('evidence_date'),
    ])
    .where('input_credit.credit_code', '=', creditCode)
    .where('input_credit.period', '=', period)
    .orderBy('input_credit.evidence_date')
    .orderBy('input_credit.recorded_at')
    .execute();
  return rows.map((r) => ({
    source: r.source,
    reference: (r.source === 'invoice' ? r.number : r.certificate_no) ?? '',
    declarationId: r.declaration_id,
    taxFen: toFen(r.tax_fen),
    period: r.period,
    evidenceDate: r.evidence_date,
  }));
}
