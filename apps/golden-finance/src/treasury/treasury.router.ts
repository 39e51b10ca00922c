import { z } from 'zod';
import {
  amountFenInput,
  creditCodeInput,
  idInput,
  instantInput,
  isoDateInput,
  textInput,
} from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { revenueSourceCodes } from './sources.ts';
import {
  type ExpectedItem,
  expectReceipt,
  getReceipt,
  listSuspense,
  type Receipt,
  receiveReceipt,
  resolveSuspense,
} from './treasury.service.ts';

const sourceInput = z.enum(revenueSourceCodes);

/** The source agency's document number: a customs declaration, a tax payment voucher, a fine notice. */
const sourceReferenceInput = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,40}$/, 'source reference must be 6 to 40 letters, digits or hyphens');

export const ExpectInput = z.strictObject({
  source: sourceInput,
  sourceReference: sourceReferenceInput,
  payer: creditCodeInput,
  amountFen: amountFenInput('treasuryItem'),
  dueDate: isoDateInput,
});

export const ReceiveInput = z.strictObject({
  source: sourceInput,
  sourceReference: sourceReferenceInput,
  payer: creditCodeInput,
  amountFen: amountFenInput('treasuryItem'),
  receivedAt: instantInput,
});

export const ResolveSuspenseInput = z.strictObject({
  receiptId: idInput,
  expectedItemId: idInput,
  /** Why this receipt is that item (what the payer or the agency confirmed). */
  note: textInput(500),
});

export const ExpectedItemView = z.strictObject({
  id: z.uuid(),
  source: sourceInput,
  sourceReference: z.string(),
  payer: z.string().length(18),
  amountFen: z.number().int(),
  dueDate: z.iso.date(),
  status: z.enum(['open', 'matched']),
  receiptId: z.uuid().nullable(),
});

export const ReceiptView = z.strictObject({
  id: z.uuid(),
  source: sourceInput,
  sourceReference: z.string(),
  payer: z.string().length(18),
  amountFen: z.number().int(),
  receivedAt: z.iso.datetime(),
  businessDate: z.iso.date(),
  status: z.enum(['matched', 'suspense']),
  suspenseReason: z
    .enum(['no_expected_item', 'amount_mismatch', 'payer_mismatch', 'already_matched'])
    .nullable(),
  expectedItemId: z.uuid().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  journalIds: z.array(z.number().int()),
});

function present(r: Receipt): z.infer<typeof ReceiptView> {
  return { ...r, receivedAt: r.receivedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null };
}

const presentItem = (item: ExpectedItem): z.infer<typeof ExpectedItemView> => item;

function note(ctx: { audit: { objects(...ids: string[]): void } }, r: Receipt): void {
  const item = r.expectedItemId ? [`expected-item:${r.expectedItemId}`] : [];
  ctx.audit.objects(`receipt:${r.id}`, ...item, ...r.journalIds.map((j) => `journal:${j}`));
}

/**
 * Treasury receipts (国库收入): what agencies expect to be paid, what is
 * received (matched or parked in suspense), and suspense resolution. Golden
 * Customs and Golden Tax call `expect` and `receive` with their service identity.
 */
export const treasuryRouter = router({
  expect: procedure
    .requires('golden-finance.treasury.expect')
    .input(ExpectInput)
    .output(ExpectedItemView)
    .mutation(async ({ ctx, input }) => {
      const item = await inTransaction(ctx.db, (trx) => expectReceipt(trx, input, recorderOf(ctx)));
      ctx.audit.objects(`expected-item:${item.id}`);
      return presentItem(item);
    }),
  receive: procedure
    .requires('golden-finance.treasury.receive')
    .input(ReceiveInput)
    .output(ReceiptView)
    .mutation(async ({ ctx, input }) => {
      const receipt = await inTransaction(ctx.db, (trx) => receiveReceipt(trx, input, recorderOf(ctx)));
      note(ctx, receipt);
      return present(receipt);
    }),
  resolveSuspense: procedure
    .requires('golden-finance.treasury.resolve')
    .input(ResolveSuspenseInput)
    .output(ReceiptView)
    .mutation(async ({ ctx, input }) => {
      const receipt = await inTransaction(ctx.db, (trx) => resolveSuspense(trx, input, recorderOf(ctx)));
      note(ctx, receipt);
      return present(receipt);
    }),
  getReceipt: procedure
    // Catalog resource GF-TRE-0001: another agency's app reads receipts only under the finance ministry's grant.
    .requires('golden-finance.treasury.read', { resource: { id: 'GF-TRE-0001', sharing: 'conditional' } })
    .input(z.strictObject({ id: idInput }))
    .output(ReceiptView)
    .query(async ({ ctx, input }) => present(await getReceipt(ctx.db, input.id))),
  listSuspense: procedure
    .requires('golden-finance.treasury.read')
    .input(z.strictObject({ source: sourceInput.optional() }))
    .output(z.array(ReceiptView))
    .query(async ({ ctx, input }) => (await listSuspense(ctx.db, input)).map(present)),
});
