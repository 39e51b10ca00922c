import { defineEvent } from '@egov/kernel/messaging';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import type { Invoice } from './invoices/invoice.service.ts';
import type { VatReturn } from './returns/return.service.ts';

/*
 * The events golden-tax publishes (zod contracts, versioned names) and the one
 * it consumes. Payloads are JSON: amounts in integer fen, dates `YYYY-MM-DD`.
 */

const fen = z.number().int().nonnegative();
const creditCode = z.string().regex(/^[0-9A-HJ-NP-RTUWXY]{18}$/);
const invoiceNumber = z.string().regex(/^\d{20}$/);
const period = z.string().regex(/^\d{4}-\d{2}$/);

/** An e-invoice was issued (published in the issuing transaction). */
export const invoiceIssued = defineEvent(
  'golden-tax.invoice.issued.v1',
  z.strictObject({
    number: invoiceNumber,
    sellerCreditCode: creditCode,
    sellerName: z.string(),
    buyerCreditCode: creditCode.nullable(),
    buyerName: z.string(),
    issuedOn: z.iso.date(),
    amountFen: fen,
    taxFen: fen,
    totalFen: fen,
  }),
);

/** An e-invoice was cancelled before the buyer claimed it and before the seller filed its period. */
export const invoiceVoided = defineEvent(
  'golden-tax.invoice.voided.v1',
  z.strictObject({
    number: invoiceNumber,
    sellerCreditCode: creditCode,
    buyerCreditCode: creditCode.nullable(),
    issuedOn: z.iso.date(),
    reason: z.string(),
  }),
);

/** A VAT return was filed: what the period owes (or carries forward). */
export const returnFiled = defineEvent(
  'golden-tax.return.filed.v1',
  z.strictObject({
    returnId: z.uuid(),
    creditCode,
    period,
    kind: z.enum(['general', 'small-scale']),
    outputTaxFen: fen,
    inputTaxFen: fen,
    creditBroughtForwardFen: fen,
    payableFen: fen,
    creditCarriedForwardFen: fen,
    /** When the payable must reach the treasury; null when nothing is payable. */
    paymentDueOn: z.iso.date().nullable(),
  }),
);

/**
 * CONSUMED, produced by golden-customs: import VAT was paid and certified
 * (海关进口增值税专用缴款书), so the importer may deduct it as input. The
 * producer's own contract (`@egov/golden-customs/contracts`), not a copy: a
 * payload that breaks it is a dead letter at once, not dropped.
 */
export { type ImportVatCertified, importVatCertified } from '@egov/golden-customs/contracts';

/**
 * The `invoice.issued` payload of an invoice.
 *
 * @example
 * await ctx.publish(invoiceIssued, invoiceIssuedPayload(invoice));
 */
export function invoiceIssuedPayload(invoice: Invoice): z.input<typeof invoiceIssued.schema> {
  return {
    number: invoice.number,
    sellerCreditCode: invoice.seller.creditCode,
    sellerName: invoice.seller.name,
    buyerCreditCode: invoice.buyer.creditCode,
    buyerName: invoice.buyer.name,
    issuedOn: invoice.issuedOn,
    amountFen: invoice.amountFen,
    taxFen: invoice.taxFen,
    totalFen: invoice.totalFen,
  };
}

/**
 * The `return.filed` payload of a return.
 *
 * @example
 * await ctx.publish(returnFiled, returnFiledPayload(vatReturn));
 */
export function returnFiledPayload(filed: VatReturn): z.input<typeof returnFiled.schema> {
  return {
    returnId: filed.id,
    creditCode: filed.creditCode,
    period: filed.period,
    kind: filed.kind,
    outputTaxFen: filed.outputTaxFen,
    inputTaxFen: filed.inputTaxFen,
    creditBroughtForwardFen: filed.creditBroughtForwardFen,
    payableFen: filed.payableFen,
    creditCarriedForwardFen: filed.creditCarriedForwardFen,
    paymentDueOn: filed.payment?.dueOn ?? null,
  };
}

/**
 * CONSUMED, produced by golden-quality (flow 2, opening a business): a legal
 * entity was registered and its credit code issued, so golden-tax registers
 * it as a taxpayer. golden-tax's own copy of the contract, a tolerant reader.
 */
export const entityRegistered = defineEvent(
  'golden-quality.entity.registered.v1',
  z.object({
    creditCode: creditCodeSchema,
    name: z.string().trim().min(1).max(100),
    division: z.string().regex(/^\d{6}$/),
    taxpayerKind: z.enum(['general', 'small-scale']),
    registeredAt: z.iso.datetime(),
  }),
);

/** The payload golden-tax handles when golden-quality registers an entity. */
export type EntityRegistered = z.output<typeof entityRegistered.schema>;

/**
 * A legal entity registered at golden-quality is a taxpayer here now (or was
 * already): golden-quality shows the step on the business application.
 */
export const taxpayerRegistered = defineEvent(
  'golden-tax.taxpayer.registered.v1',
  z.strictObject({ creditCode: creditCode, kind: z.enum(['general', 'small-scale']), registeredAt: z.iso.datetime() }),
);
