import { z } from 'zod';
import type { Declaration } from './declaration-read.service.ts';

const fen = z.number().int().nonnegative();
const lane = z.enum(['red', 'yellow', 'blue', 'green']);

export const DeclarationLineView = z.strictObject({
  lineNo: z.number().int(),
  commodityCode: z.string(),
  description: z.string(),
  quantity: z.string(),
  unit: z.string(),
  currency: z.string(),
  incoterm: z.enum(['CIF', 'FOB', 'CFR']),
  value: z.string(),
  freight: z.string().nullable(),
  insurance: z.string().nullable(),
  insuranceDerived: z.boolean(),
  exchangeRate: z.strictObject({
    cny: z.string(),
    per: z.union([z.literal(1), z.literal(100)]),
    source: z.enum(['declared', 'customs']),
    month: z.string().nullable(),
  }),
  customsValueFen: fen,
  dutyRate: z.string(),
  dutyFen: fen,
  consumptionTaxRate: z.string(),
  consumptionTaxFen: fen,
  vatRate: z.string(),
  vatFen: fen,
  cccRequired: z.boolean(),
  cccCertificateNo: z.string().nullable(),
});

/** A declaration as every procedure answers it. */
export const DeclarationView = z.strictObject({
  id: z.uuid(),
  declarationNo: z.string(),
  importerCreditCode: z.string(),
  declarantReference: z.string().nullable(),
  status: z.enum(['submitted', 'paid', 'released']),
  lane,
  laneReasons: z.array(
    z.strictObject({ rule: z.string(), lane, lineNo: z.number().int().nullable(), message: z.string() }),
  ),
  totals: z.strictObject({
    customsValueFen: fen,
    dutyFen: fen,
    consumptionTaxFen: fen,
    vatFen: fen,
    totalFen: fen,
  }),
  lines: z.array(DeclarationLineView),
  submittedAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
  releasedAt: z.iso.datetime().nullable(),
  vatCertificateNo: z.string().nullable(),
  inspection: z
    .strictObject({
      kind: z.enum(['physical', 'documents']),
      result: z.enum(['pass', 'fail']),
      notes: z.string(),
      inspectedAt: z.iso.datetime(),
    })
    .nullable(),
  receipts: z.array(
    z.strictObject({
      tax: z.enum(['customs-duty', 'consumption-tax', 'import-vat']),
      sourceReference: z.string(),
      amountFen: fen,
      receiptId: z.uuid(),
      status: z.enum(['matched', 'suspense']),
      businessDate: z.iso.date(),
    }),
  ),
});

export type DeclarationViewData = z.infer<typeof DeclarationView>;

/**
 * The JSON view of a declaration: instants as ISO strings, who-did-what left to the audit log.
 *
 * @example
 * return presentDeclaration(await getDeclaration(ctx.db, id));
 */
export function presentDeclaration(d: Declaration): DeclarationViewData {
  return {
    id: d.id,
    declarationNo: d.declarationNo,
    importerCreditCode: d.importerCreditCode,
    declarantReference: d.declarantReference,
    status: d.status,
    lane: d.lane,
    laneReasons: d.laneReasons,
    totals: d.totals,
    lines: d.lines,
    submittedAt: d.submittedAt.toISOString(),
    paidAt: d.paidAt?.toISOString() ?? null,
    releasedAt: d.releasedAt?.toISOString() ?? null,
    vatCertificateNo: d.vatCertificateNo,
    inspection: d.inspection && {
      kind: d.inspection.kind,
      result: d.inspection.result,
      notes: d.inspection.notes,
      inspectedAt: d.inspection.inspectedAt.toISOString(),
    },
    receipts: d.receipts.map(({ receivedAt: _receivedAt, ...r }) => r),
  };
}
