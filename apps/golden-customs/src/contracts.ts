import { defineEvent } from '@egov/kernel/messaging';
import { z } from 'zod';

/*
 * The events golden-customs publishes, one per step of import clearance: its contracts (zod
 * schemas and versioned names, nothing else), which consumers import from
 * `@egov/golden-customs/contracts` instead of copying them (golden-tax consumes
 * import-vat.certified). Payloads are JSON: amounts in integer fen, instants ISO 8601, days
 * `YYYY-MM-DD` in China.
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
 * VAT was paid. golden-tax consumes this very contract (no copy).
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

/** The payload of `golden-customs.import-vat.certified.v1`, as a consumer receives it. */
export type ImportVatCertified = z.output<typeof importVatCertified.schema>;
