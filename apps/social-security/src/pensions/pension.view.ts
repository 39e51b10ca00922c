import type { Principal } from '@egov/kernel/identity';
import { z } from 'zod';
import { canReveal, presentResidentId } from '../shared/reveal.ts';
import type { Pension, RecoveryClaim } from './pension.service.ts';

/** What callers see of a pension: both parts, the figures they rest on, the ID masked unless revealed. */
export const PensionView = z.strictObject({
  residentId: z.string().length(18),
  revealed: z.boolean(),
  name: z.string(),
  category: z.enum(['male', 'female-cadre', 'female-worker']),
  firstMonth: z.string(),
  contributionMonths: z.number().int(),
  /** The average contribution index in ten-thousandths (10000 = 1.0000). */
  averageIndexBp: z.number().int(),
  previousYearAnnualFen: z.number().int(),
  accountBalanceFen: z.number().int(),
  divisor: z.number().int(),
  basicFen: z.number().int(),
  accountFen: z.number().int(),
  monthlyFen: z.number().int(),
  /** Set once golden-shield reported the death: paid to the end of that month. */
  diedOn: z.iso.date().nullable(),
  awardedAt: z.iso.datetime(),
});

export const RecoveryClaimView = z.strictObject({
  month: z.string(),
  amountFen: z.number().int(),
  paymentId: z.uuid(),
  status: z.enum(['open', 'withdrawn']),
  openedAt: z.iso.datetime(),
  withdrawnAt: z.iso.datetime().nullable(),
});

interface Caller {
  principal: Principal | null;
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/** The view of `pension` for the caller; the audit names the pension and the person by uuid. */
export function presentPension(ctx: Caller, pension: Pension): z.infer<typeof PensionView> {
  const revealed = canReveal(ctx.principal);
  ctx.audit.objects(`pension:${pension.uuid}`, `insured:${pension.insuredUuid}`);
  if (revealed) ctx.audit.revealed(`insured:${pension.insuredUuid}`);
  const { uuid: _, insuredUuid: __, residentId, awardedAt, ...rest } = pension;
  return {
    ...rest,
    residentId: presentResidentId(residentId, revealed),
    revealed,
    awardedAt: awardedAt.toISOString(),
  };
}

export function presentClaim(claim: RecoveryClaim): z.infer<typeof RecoveryClaimView> {
  return {
    ...claim,
    openedAt: claim.openedAt.toISOString(),
    withdrawnAt: claim.withdrawnAt?.toISOString() ?? null,
  };
}
