import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { DomainError } from '@egov/kernel/errors';
import { defineStep, type StepContext } from '@egov/kernel/steps';
import type { PlatformRouter } from '@egov/platform/router';
import { z } from 'zod';
import type { FinancialSupervisionDatabase } from '../database.ts';
import { requireSuspicious, type SuspiciousReport } from './suspicious.service.ts';

/** The population base's identity verification, a conditional catalog resource of golden-shield. */
export const POPULATION_RESOURCE = 'GS-POP-0001';

export const ReferInput = z.strictObject({ id: z.number().int().positive() });

/**
 * A grant token for golden-shield's identity.verify: the platform lists this
 * app's own active grants; none means golden-shield's ministry has not
 * granted access, and the referral is refused (403 `grant_required`).
 */
async function identityGrant(ctx: StepContext<FinancialSupervisionDatabase>): Promise<string> {
  const platform = ctx.connect<PlatformRouter>('platform');
  const grants = await platform.catalog.grants.query({ resourceId: POPULATION_RESOURCE, active: true });
  const grant = grants.find(
    (g) => g.consumerApp === 'financial-supervision' && g.procedures.includes('identity.verify'),
  );
  if (!grant)
    throw new DomainError(
      'FORBIDDEN',
      `financial-supervision holds no grant for ${POPULATION_RESOURCE} (identity.verify): request access in the catalog`,
      { field: 'id', rule: 'grant_required' },
    );
  return (await platform.catalog.grantToken.query({ grantId: grant.id })).token;
}

/**
 * Flow 6 (anti-money-laundering), from a suspicious transaction report:
 * golden-shield checks the person's name and ID (purpose stated, under the
 * ministry's catalog grant); on a match it opens a case (one per report),
 * referring the related company to golden-tax, which checks the company's
 * invoices over the report's period and attaches its totals to the case.
 * The report records each answer. A durable step (ADR 11): the case and the
 * tax check commit at the callees first, so if this app's transaction does
 * not commit the recovery loop runs it again with the same keys, and the
 * callees answer from their idempotency stores (golden-shield also keeps one
 * case per report reference).
 *
 * @example
 * .mutation(({ ctx, input }) => ctx.step(referStep, input))
 */
export const referStep = defineStep<FinancialSupervisionDatabase>()({
  name: 'suspicious.refer',
  input: ReferInput,
  run: async (ctx, input): Promise<SuspiciousReport> => {
    ctx.audit.objects(`suspicious-report:${input.id}`);
    const report = await requireSuspicious(ctx.db, input.id, true);
    if (report.status !== 'filed')
      throw new DomainError('CONFLICT', `report ${input.id} is ${report.status} already`, {
        field: 'id',
        rule: 'already_referred',
      });
    const shield = ctx.connect<GoldenShieldRouter>('golden-shield', { grant: await identityGrant(ctx) });
    const { result } = await shield.identity.verify.mutate({
      name: report.subjectName,
      residentId: report.subjectResidentId,
      purpose: `anti-money-laundering: suspicious transaction report ${report.id} of ${report.institution}`,
    });
    if (result !== 'match') {
      await ctx.db
        .updateTable('suspicious_report')
        .set({ identity_result: result })
        .where('id', '=', String(report.id))
        .execute();
      return { ...report, identityResult: result };
    }
    const opened = await ctx.connect<GoldenShieldRouter>('golden-shield').cases.open.mutate({
      residentId: report.subjectResidentId,
      name: report.subjectName,
      sourceReference: `STR-${report.id}`,
      grounds: report.grounds,
      referrals: report.relatedCompany
        ? [
            {
              app: 'golden-tax',
              subject: report.relatedCompany,
              periodFrom: report.periodFrom,
              periodTo: report.periodTo,
            },
          ]
        : [],
    });
    ctx.audit.objects(`case:${opened.caseNo}`);
    let taxFindings: Record<string, unknown> | null = null;
    if (report.relatedCompany) {
      const checked = await ctx.connect<GoldenTaxRouter>('golden-tax').aml.checkInvoices.mutate({
        caseNo: opened.caseNo,
        creditCode: report.relatedCompany,
        periodFrom: report.periodFrom,
        periodTo: report.periodTo,
      });
      taxFindings = { summary: checked.summary, ...checked.findings };
    }
    await ctx.db
      .updateTable('suspicious_report')
      .set({
        status: 'referred',
        identity_result: result,
        case_no: opened.caseNo,
        tax_findings: taxFindings === null ? null : JSON.stringify(taxFindings),
        referred_at: ctx.at,
      })
      .where('id', '=', String(report.id))
      .execute();
    return { ...report, status: 'referred', identityResult: result, caseNo: opened.caseNo, taxFindings };
  },
});
