import { z } from 'zod';

/*
 * The data shapes the rules read, checked again when a rule runs over stored
 * pulls (what was stored is what the owner served, mapped by golden-audit).
 */
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const DeathRecordShape = z.object({
  recordId: z.string(),
  residentId: z.string(),
  deathDate: z.string(),
});
export const PensionPaymentShape = z.object({
  paymentId: z.string(),
  residentId: z.string(),
  month: z.string(),
  amountFen: fen,
  paidOn: z.string(),
});
export const AppropriationShape = z.object({
  id: z.string(),
  budgetUnit: z.string(),
  fiscalYear: z.number().int(),
  economicClass: z.string(),
  allocatedFen: fen,
});
export const PaymentShape = z.object({
  id: z.string(),
  appropriationId: z.string(),
  amountFen: fen,
  status: z.enum(['requested', 'approved', 'rejected', 'executed']),
  requestedAt: z.string(),
});
export const CertificateShape = z.object({
  certificateNo: z.string(),
  declarationId: z.string(),
  importerCreditCode: z.string(),
  vatFen: fen,
  paidOn: z.string(),
});
export const DeductionShape = z.object({
  creditCode: z.string(),
  reference: z.string(),
  declarationId: z.string().nullable(),
  taxFen: fen,
  period: z.string(),
});
const total = z.string().regex(/^-?\d+$/);
export const TrialBalanceShape = z.object({
  asOf: z.string().nullable(),
  accounts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      type: z.enum(['asset', 'liability', 'revenue', 'expenditure']),
      debitFen: total,
      creditFen: total,
      balanceFen: total,
    }),
  ),
  totalDebitFen: total,
  totalCreditFen: total,
  balanced: z.boolean(),
});

/** The rules golden-audit runs, by name. */
export const RULE_NAMES = [
  'pension-after-death',
  'over-appropriation',
  'import-vat',
  'ledger-balance',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];
