import { defineEvent } from '@egov/kernel/messaging';
import { chinaDate } from '@egov/standards';
import { z } from 'zod';
import type { Declaration } from './declarations/declaration-read.service.ts';

/*
 * The events golden-customs publishes, one per step of import clearance.
 * Payloads are JSON: amounts in integer fen, instants ISO 8601, days
 * `YYYY-MM-DD` in China. Each is written to the outbox in the mutation's
 * transaction, so it exists if and only if the step committed.
 */

const fen = z.number().int().nonnegative();
const creditCode = z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{18}$/);
const declarationNo = z.string().regex(/^\d{18}$/);
const lane = z.enum(['red', 'yellow', 'blue', 'green']);
const tax = z.enum(['customs-duty', 'consumption-tax', 'import-vat']);

/** A declaration was submitted, valued, assessed and given its lane. */
export const declarationSubmitted = defineEvent(
  'golden-customs.declaration.submitted.v1',
  z.strictObject({
    declarationId: z.uuid(),
    declarationNo,
    importerCreditCode: creditCode,
    lane,
    customsValueFen: fen,
    dutyFen: fen,
    consumptionTaxFen: fen,
    vatFen: fen,
    totalFen: fen,
    submittedAt: z.iso.datetime(),
  }),
);

/** A red lane's examination or a yellow lane's document check has its result. */
export const declarationInspected = defineEvent(
  'golden-customs.declaration.inspected.v1',
  z.strictObject({
    declarationId: z.uuid(),
    declarationNo,
    kind: z.enum(['physical', 'documents']),
    result: z.enum(['pass', 'fail']),
    inspectedAt: z.iso.datetime(),
  }),
);

/** Duty and taxes reached the treasury: one receipt per non-zero tax. */
export const declarationPaid = defineEvent(
  'golden-customs.declaration.paid.v1',
  z.strictObject({
    declarationId: z.uuid(),
    declarationNo,
    importerCreditCode: creditCode,
    totalFen: fen,
    receipts: z.array(
      z.strictObject({ tax, sourceReference: z.string(), receiptId: z.uuid(), amountFen: fen }),
    ),
    paidAt: z.iso.datetime(),
  }),
);

/** The goods were released (放行). */
export const declarationReleased = defineEvent(
  'golden-customs.declaration.released.v1',
  z.strictObject({
    declarationId: z.uuid(),
    declarationNo,
    importerCreditCode: creditCode,
    lane,
    releasedAt: z.iso.datetime(),
  }),
);

/**
 * The import VAT an importer paid is certified (海关进口增值税专用缴款书):
 * golden-tax takes it as deductible input VAT. Published at release when
 * VAT was paid. golden-tax keeps its own copy of this contract (apps share
 * no code), so the payload is exactly these five fields.
 */
export const importVatCertified = defineEvent(
  'golden-customs.import-vat.certified.v1',
  z.strictObject({
    certificateNo: z.string().min(1).max(40),
    declarationId: z.string().min(1).max(40),
    importerCreditCode: creditCode,
    vatFen: z.number().int().positive(),
    paidOn: z.iso.date(),
  }),
);

export function submittedPayload(d: Declaration): z.input<typeof declarationSubmitted.schema> {
  return {
    declarationId: d.id,
    declarationNo: d.declarationNo,
    importerCreditCode: d.importerCreditCode,
    lane: d.lane,
    ...d.totals,
    submittedAt: d.submittedAt.toISOString(),
  };
}

export function inspectedPayload(d: Declaration): z.input<typeof declarationInspected.schema> {
  const inspection = d.inspection!;
  return {
    declarationId: d.id,
    declarationNo: d.declarationNo,
    kind: inspection.kind,
    result: inspection.result,
    inspectedAt: inspection.inspectedAt.toISOString(),
  };
}

export function paidPayload(d: Declaration): z.input<typeof declarationPaid.schema> {
  return {
    declarationId: d.id,
    declarationNo: d.declarationNo,
    importerCreditCode: d.importerCreditCode,
    totalFen: d.totals.totalFen,
    receipts: d.receipts.map((r) => ({
      tax: r.tax,
      sourceReference: r.sourceReference,
      receiptId: r.receiptId,
      amountFen: r.amountFen,
    })),
    paidAt: d.paidAt!.toISOString(),
  };
}

export function releasedPayload(d: Declaration): z.input<typeof declarationReleased.schema> {
  return {
    declarationId: d.id,
    declarationNo: d.declarationNo,
    importerCreditCode: d.importerCreditCode,
    lane: d.lane,
    releasedAt: d.releasedAt!.toISOString(),
  };
}

/** The certificate of a released declaration, or null when it paid no VAT. */
export function certifiedPayload(d: Declaration): z.input<typeof importVatCertified.schema> | null {
  if (!d.vatCertificateNo || d.totals.vatFen <= 0) return null;
  return {
    certificateNo: d.vatCertificateNo,
    declarationId: d.id,
    importerCreditCode: d.importerCreditCode,
    vatFen: d.totals.vatFen,
    paidOn: chinaDate(d.paidAt!),
  };
}
