import { inTransaction } from '@egov/kernel/db';
import { recorderOf } from '@egov/kernel/trpc';
import { bankCardSchema, maskBankCard, residentIdSchema } from '@egov/standards';
import { z } from 'zod';
import { BUDGET_UNIT } from '../budget-units/scope.ts';
import { amountFenInput, budgetUnitCodeInput, idInput, textInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import {
  approvePayment,
  executePayment,
  getPayment,
  listPayments,
  type Payment,
  rejectPayment,
  requestPayment,
} from './payment.service.ts';
import { MAX_BATCH_LINES, requestPaymentBatch } from './payment-batch.service.ts';

export const RequestPaymentInput = z.strictObject({
  budgetUnit: budgetUnitCodeInput,
  appropriationId: idInput,
  method: z.enum(['direct', 'authorised']),
  payee: z.strictObject({
    name: textInput(100),
    /** A bank card number (16 to 19 digits, Luhn); spaces allowed. */
    account: bankCardSchema,
    bank: textInput(100),
  }),
  amountFen: amountFenInput('payment'),
  purpose: textInput(200),
});

export const RequestBatchInput = z.strictObject({
  budgetUnit: budgetUnitCodeInput,
  appropriationId: idInput,
  method: z.enum(['direct', 'authorised']),
  lines: z
    .array(
      z.strictObject({
        /** The caller's own reference of the line, unique per caller: a retried batch requests nothing twice. */
        reference: z
          .string()
          .regex(/^[A-Za-z0-9:._-]{1,80}$/, 'a reference is 1 to 80 letters, digits or : . _ -'),
        payee: z.strictObject({
          name: textInput(100),
          account: bankCardSchema,
          bank: textInput(100),
          /** The payee's resident ID when the payee is a person: a death reported by golden-shield cancels what is unpaid. */
          residentId: residentIdSchema.optional(),
        }),
        amountFen: amountFenInput('payment'),
        purpose: textInput(200),
      }),
    )
    .min(1)
    .max(MAX_BATCH_LINES, `a batch holds at most ${MAX_BATCH_LINES} lines`)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      for (const [index, line] of lines.entries()) {
        if (seen.has(line.reference))
          ctx.addIssue({
            code: 'custom',
            path: [index, 'reference'],
            message: `reference ${line.reference} appears twice in the batch`,
            params: { rule: 'duplicate' },
          });
        seen.add(line.reference);
      }
    }),
});

export const BatchView = z.strictObject({
  lines: z.array(
    z.strictObject({
      reference: z.string(),
      paymentId: z.uuid(),
      status: z.enum(['requested', 'approved', 'rejected', 'executed', 'cancelled']),
      amountFen: z.number().int(),
    }),
  ),
  newlyRequested: z.number().int(),
  cancelled: z.number().int(),
  reservedFen: z.number().int(),
});

const PaymentIdInput = z.strictObject({ paymentId: idInput });

export const PaymentView = z.strictObject({
  id: z.uuid(),
  budgetUnit: z.string(),
  appropriationId: z.uuid(),
  method: z.enum(['direct', 'authorised']),
  /** The account is masked (first 6, last 4): the treasury pays it, nobody reading needs it whole. */
  payee: z.strictObject({ name: z.string(), account: z.string(), bank: z.string() }),
  amountFen: z.number().int(),
  purpose: z.string(),
  status: z.enum(['requested', 'approved', 'rejected', 'executed', 'cancelled']),
  requestedAt: z.iso.datetime(),
  requestedBy: z.string(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  executedAt: z.iso.datetime().nullable(),
  businessDate: z.iso.date().nullable(),
  journalIds: z.array(z.number().int()),
});

function present(p: Payment): z.infer<typeof PaymentView> {
  return {
    ...p,
    payee: { ...p.payee, account: maskBankCard(p.payee.account) },
    requestedAt: p.requestedAt.toISOString(),
    decidedAt: p.decidedAt?.toISOString() ?? null,
    executedAt: p.executedAt?.toISOString() ?? null,
  };
}

function note(ctx: { audit: { objects(...ids: string[]): void } }, p: Payment): void {
  ctx.audit.objects(
    `payment:${p.id}`,
    `appropriation:${p.appropriationId}`,
    ...p.journalIds.map((j) => `journal:${j}`),
  );
}

/** Refuses (FORBIDDEN, audited) a payment of a budget unit outside the caller's scope, before anything is written. */
async function requirePaymentInScope(
  ctx: {
    db: Parameters<typeof getPayment>[0];
    scope: { require(kind: string, id: string, field?: string): void };
  },
  paymentId: string,
) {
  const payment = await getPayment(ctx.db, paymentId, 'paymentId');
  ctx.scope.require(BUDGET_UNIT, payment.budgetUnit, 'paymentId');
}

/**
 * Payment requests (用款申请) against appropriations: request (reserves the
 * amount), approve or reject, execute (books it and pays).
 */
export const paymentsRouter = router({
  request: procedure
    .requires('golden-finance.payment.request')
    .input(RequestPaymentInput)
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.budgetUnit, 'budgetUnit');
      const payment = await inTransaction(ctx.db, (trx) => requestPayment(trx, input, recorderOf(ctx)));
      note(ctx, payment);
      return present(payment);
    }),
  /**
   * Many payment requests against one appropriation in one call (a monthly
   * pension payroll), at most `MAX_BATCH_LINES`; idempotent per line reference.
   */
  requestBatch: procedure
    .requires('golden-finance.payment.request')
    .input(RequestBatchInput)
    .output(BatchView)
    .mutation(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.budgetUnit, 'budgetUnit');
      const result = await inTransaction(ctx.db, (trx) => requestPaymentBatch(trx, input, recorderOf(ctx)));
      // Every payment of the batch is named in its one audit record.
      ctx.audit.objects(
        `appropriation:${input.appropriationId}`,
        ...result.lines.map((l) => `payment:${l.paymentId}`),
      );
      return result;
    }),
  approve: procedure
    .requires('golden-finance.payment.approve')
    .input(PaymentIdInput.extend({ note: textInput(200).optional() }))
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => {
      await requirePaymentInScope(ctx, input.paymentId);
      const payment = await inTransaction(ctx.db, (trx) =>
        approvePayment(trx, input.paymentId, input.note, recorderOf(ctx)),
      );
      note(ctx, payment);
      return present(payment);
    }),
  reject: procedure
    .requires('golden-finance.payment.approve')
    .input(PaymentIdInput.extend({ reason: textInput(200) }))
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => {
      await requirePaymentInScope(ctx, input.paymentId);
      const payment = await inTransaction(ctx.db, (trx) =>
        rejectPayment(trx, input.paymentId, input.reason, recorderOf(ctx)),
      );
      note(ctx, payment);
      return present(payment);
    }),
  execute: procedure
    .requires('golden-finance.payment.execute')
    .input(PaymentIdInput)
    .output(PaymentView)
    .mutation(async ({ ctx, input }) => {
      await requirePaymentInScope(ctx, input.paymentId);
      const payment = await inTransaction(ctx.db, (trx) =>
        executePayment(trx, input.paymentId, recorderOf(ctx)),
      );
      note(ctx, payment);
      return present(payment);
    }),
  get: procedure
    .requires('golden-finance.payment.read')
    .input(z.strictObject({ id: idInput }))
    .output(PaymentView)
    .query(async ({ ctx, input }) => {
      const payment = await getPayment(ctx.db, input.id);
      ctx.scope.require(BUDGET_UNIT, payment.budgetUnit, 'id');
      return present(payment);
    }),
  list: procedure
    // Catalog resource GF-PAY-0001: another agency's app (the audit office's) reads payments only under the ministry's grant.
    .requires('golden-finance.payment.read', { resource: { id: 'GF-PAY-0001', sharing: 'conditional' } })
    .input(
      z.strictObject({
        budgetUnit: budgetUnitCodeInput,
        fiscalYear: z.number().int().min(2000).max(2100).optional(),
      }),
    )
    .output(z.array(PaymentView))
    .query(async ({ ctx, input }) => {
      ctx.scope.require(BUDGET_UNIT, input.budgetUnit, 'budgetUnit');
      return (await listPayments(ctx.db, input)).map(present);
    }),
});
