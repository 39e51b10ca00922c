import { chinaDate } from '@egov/standards';
import type { z } from 'zod';
import type {
  declarationInspected,
  declarationPaid,
  declarationReleased,
  declarationSubmitted,
  importVatCertified,
} from './contracts.ts';
import type { Declaration } from './declarations/declaration-read.service.ts';

/*
 * The payloads of the events golden-customs publishes (their contracts are in contracts.ts). Each
 * is written to the outbox in the mutation's transaction, so it exists if and only if the step
 * committed.
 */

export {
  declarationInspected,
  declarationPaid,
  declarationReleased,
  declarationSubmitted,
  importVatCertified,
} from './contracts.ts';

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
