import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import { defineStep } from '@egov/kernel/steps';
import { boundedFenSchema } from '@egov/standards';
import type { TRPCClient } from '@trpc/client';
import { z } from 'zod';
import type { GoldenQualityDatabase } from '../database.ts';
import { type FineTreasury, imposeFine, payFine } from './sample.service.ts';

export const sampleNumberInput = z.string().regex(/^GQ-S-\d{8}$/, 'a sample number reads GQ-S-NNNNNNNN');

/** golden-finance's treasury over the network client. */
export function treasuryOverNetwork(connect: () => TRPCClient<GoldenFinanceRouter>): FineTreasury {
  return {
    expect: (item) => connect().treasury.expect.mutate(item),
    receive: async (item) => {
      const r = await connect().treasury.receive.mutate(item);
      return { id: r.id, status: r.status };
    },
  };
}

export const ImposeFineInput = z.strictObject({
  number: sampleNumberInput,
  /** The fine in whole fen, at most one treasury item's bound. */
  amountFen: boundedFenSchema('treasuryItem'),
});

/**
 * Deciding a fine (the treasury expects it) as a durable step (ADR 11):
 * golden-finance commits the expected item before golden-quality commits the
 * fine, so a crash in between is resumed from golden-quality's own record.
 */
export const imposeFineStep = defineStep<GoldenQualityDatabase>()({
  name: 'fines.impose',
  input: ImposeFineInput,
  run: (ctx, input) => {
    ctx.audit.objects(`sample:${input.number}`);
    return imposeFine(
      ctx.db,
      input,
      treasuryOverNetwork(() => ctx.connect<GoldenFinanceRouter>('golden-finance')),
      { by: ctx.by, at: ctx.at },
    );
  },
});

export const PayFineInput = z.strictObject({ number: sampleNumberInput });

/** Paying a fine into the treasury as non-tax revenue, as a durable step (ADR 11). */
export const payFineStep = defineStep<GoldenQualityDatabase>()({
  name: 'fines.pay',
  input: PayFineInput,
  run: (ctx, input) => {
    ctx.audit.objects(`sample:${input.number}`);
    return payFine(
      ctx.db,
      input,
      treasuryOverNetwork(() => ctx.connect<GoldenFinanceRouter>('golden-finance')),
      { by: ctx.by, at: ctx.at },
    );
  },
});
