import { fenTotalSchema } from '@egov/standards';
import { z } from 'zod';
import { isoDateInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { accountBalance, trialBalance } from './ledger.service.ts';

/** Totals and balances: exact decimal strings of fen (they pass 2^53 over the years). */
const fenOut = fenTotalSchema;

export const AccountBalanceView = z.strictObject({
  code: z.string(),
  name: z.string(),
  type: z.enum(['asset', 'liability', 'revenue', 'expenditure']),
  debitFen: fenOut,
  creditFen: fenOut,
  balanceFen: fenOut,
});

export const TrialBalanceView = z.strictObject({
  asOf: z.iso.date().nullable(),
  accounts: z.array(AccountBalanceView),
  totalDebitFen: fenOut,
  totalCreditFen: fenOut,
  balanced: z.boolean(),
});

/** The treasury ledger, read-only: postings are made by receipts, payments and suspense resolution. */
export const ledgerRouter = router({
  trialBalance: procedure
    // Catalog resource GF-LED-0001: another agency's app reads the trial balance only under the ministry's grant.
    .requires('golden-finance.ledger.read', { resource: { id: 'GF-LED-0001', sharing: 'conditional' } })
    .input(z.strictObject({ asOf: isoDateInput.optional() }))
    .output(TrialBalanceView)
    .query(({ ctx, input }) => trialBalance(ctx.db, input.asOf)),
  accountBalance: procedure
    .requires('golden-finance.ledger.read')
    .input(z.strictObject({ account: z.string().trim().min(1).max(64), asOf: isoDateInput.optional() }))
    .output(AccountBalanceView)
    .query(({ ctx, input }) => accountBalance(ctx.db, input.account, input.asOf)),
});
