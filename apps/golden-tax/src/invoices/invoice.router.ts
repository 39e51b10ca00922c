import { z } from 'zod';
import { invoiceIssued, invoiceIssuedPayload, invoiceVoided } from '../events.ts';
import { supplyCategoryCodes } from '../rates/vat-rates.ts';
import { auditObject } from '../shared/audit.ts';
import {
  businessDateInput,
  creditCodeInput,
  entityNameInput,
  fenInput,
  invoiceNumberInput,
} from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { normaliseQuantity } from './invoice.rules.ts';
import { getInvoice, type Invoice, issueInvoice, verifyInvoice, voidInvoice } from './invoice.service.ts';

/** A positive quantity, as a JSON number or a decimal string (at most 6 decimals). */
const quantityInput = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  const quantity = normaliseQuantity(text);
  if (quantity !== undefined) return quantity;
  ctx.addIssue({
    code: 'custom',
    message: `quantity must be a positive decimal (at most 9 digits and 6 decimals), got ${JSON.stringify(value)}`,
    params: { rule: 'format' },
  });
  return z.NEVER;
});

/** A rate as a decimal string ('0.13'); whether it is the right one is the dated table's call. */
const rateInput = z.string().transform((value, ctx) => {
  if (/^0(\.\d{1,4})?$/.test(value)) return value;
  ctx.addIssue({
    code: 'custom',
    message: `rate must be a decimal string such as "0.13", got "${value}"`,
    params: { rule: 'format' },
  });
  return z.NEVER;
});

export const InvoiceLineInput = z.strictObject({
  description: z.string().trim().min(1).max(100),
  category: z.enum(supplyCategoryCodes),
  quantity: quantityInput,
  unitPriceFen: fenInput.refine((v) => v > 0, {
    message: 'unit price must be positive',
    params: { rule: 'too_small' },
  }),
  rate: rateInput,
});

export const IssueInvoiceInput = z.strictObject({
  sellerCreditCode: creditCodeInput,
  buyer: z.strictObject({ creditCode: creditCodeInput.optional(), name: entityNameInput }),
  lines: z.array(InvoiceLineInput).min(1).max(200),
  issuedOn: businessDateInput,
});

export const InvoiceView = z.strictObject({
  number: z.string(),
  status: z.enum(['issued', 'voided']),
  issuedOn: z.string(),
  seller: z.strictObject({ creditCode: z.string(), name: z.string() }),
  buyer: z.strictObject({ creditCode: z.string().nullable(), name: z.string() }),
  lines: z.array(
    z.strictObject({
      lineNo: z.number().int(),
      description: z.string(),
      category: z.enum(supplyCategoryCodes),
      quantity: z.string(),
      unitPriceFen: z.number().int(),
      rate: z.string(),
      amountFen: z.number().int(),
      taxFen: z.number().int(),
    }),
  ),
  amountFen: z.number().int(),
  taxFen: z.number().int(),
  totalFen: z.number().int(),
});

/** Exactly `{ valid: false }` when the pair does not match: nothing else is revealed. */
export const VerificationView = z.union([
  z.strictObject({
    valid: z.literal(true),
    issuedOn: z.string(),
    sellerName: z.string(),
    status: z.enum(['issued', 'voided']),
  }),
  z.strictObject({ valid: z.literal(false) }),
]);

function present(invoice: Invoice): z.infer<typeof InvoiceView> {
  const { id: _id, lines, ...rest } = invoice;
  return {
    ...rest,
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      description: l.description,
      category: l.category,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      rate: l.rate,
      amountFen: l.amountFen,
      taxFen: l.taxFen,
    })),
  };
}

/** Fully digital e-invoices (全电发票): issue, look up, verify (public), cancel. */
export const invoicesRouter = router({
  issue: procedure
    .requires('golden-tax.invoice.issue')
    .input(IssueInvoiceInput)
    .output(InvoiceView)
    .mutation(async ({ ctx, input }) => {
      const invoice = await issueInvoice(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(auditObject.invoice(invoice.number), auditObject.taxpayer(invoice.seller.creditCode));
      await ctx.publish(invoiceIssued, invoiceIssuedPayload(invoice));
      return present(invoice);
    }),
  get: procedure
    .requires('golden-tax.invoice.read')
    .input(z.strictObject({ number: invoiceNumberInput }))
    .output(InvoiceView)
    .query(async ({ ctx, input }) => present(await getInvoice(ctx.db, input.number))),
  /**
   * Public: anyone holding an invoice's number and total (价税合计) may check
   * it. A query (it writes nothing); number and amount are not secrets.
   */
  verify: procedure
    .public()
    .input(z.strictObject({ number: invoiceNumberInput, totalFen: fenInput }))
    .output(VerificationView)
    .query(({ ctx, input }) => verifyInvoice(ctx.db, input.number, input.totalFen)),
  void: procedure
    .requires('golden-tax.invoice.void')
    .input(z.strictObject({ number: invoiceNumberInput, reason: z.string().trim().min(2).max(200) }))
    .output(InvoiceView)
    .mutation(async ({ ctx, input }) => {
      const invoice = await voidInvoice(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(auditObject.invoice(invoice.number));
      await ctx.publish(invoiceVoided, {
        number: invoice.number,
        sellerCreditCode: invoice.seller.creditCode,
        buyerCreditCode: invoice.buyer.creditCode,
        issuedOn: invoice.issuedOn,
        reason: input.reason,
      });
      return present(invoice);
    }),
});
