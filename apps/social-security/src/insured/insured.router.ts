import { DomainError } from '@egov/kernel/errors';
import { recorderOf } from '@egov/kernel/trpc';
import { pensionEligibility, statutoryRetirement } from '@egov/standards';
import { z } from 'zod';
import { identityOverNetwork } from '../shared/identity.ts';
import { personNameInput, residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { checkCategory } from './insured.rules.ts';
import { contributionMonths, enrolInsured, getInsured } from './insured.service.ts';
import { InsuredView, presentInsured } from './insured.view.ts';

export const EnrolInput = z.strictObject({ residentId: residentIdInput, name: personNameInput });

/** Insured persons (参保人): enrolled by resident ID once golden-shield confirms the name and ID. */
export const insuredRouter = router({
  enrol: procedure
    .requires('social-security.insured.enrol')
    .input(EnrolInput)
    .output(InsuredView)
    .mutation(async ({ ctx, input }) => {
      const shield = identityOverNetwork(() => ctx.connect('golden-shield'));
      return presentInsured(ctx, await enrolInsured(ctx.db, input, shield, recorderOf(ctx)));
    }),
  get: procedure
    .requires('social-security.insured.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(InsuredView)
    .query(async ({ ctx, input }) => presentInsured(ctx, await getInsured(ctx.db, input.residentId))),
  /**
   * The statutory retirement month (2024 measures, `statutoryRetirement` in
   * @egov/standards) and whether a monthly pension may start in `month`:
   * both the age and the minimum contribution period, counted from the
   * months credited here.
   */
  eligibility: procedure
    .requires('social-security.insured.read')
    .input(
      z.strictObject({
        residentId: residentIdInput,
        category: z.enum(['male', 'female-cadre', 'female-worker']),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM'),
      }),
    )
    .output(
      z.strictObject({
        retirementMonth: z.string(),
        age: z.strictObject({ years: z.number().int(), months: z.number().int() }),
        minimumContributionMonths: z.number().int(),
        contributionMonths: z.number().int(),
        eligible: z.boolean(),
        rule: z.enum(['before_statutory_age', 'contribution_too_short']).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const person = await getInsured(ctx.db, input.residentId);
      ctx.audit.objects(`insured:${person.uuid}`);
      const category = checkCategory(person.sex, input.category);
      if (!category.ok)
        throw new DomainError('INVALID', category.message, { field: 'category', rule: category.part });
      const age = statutoryRetirement(person.birthDate, category.value);
      const months = await contributionMonths(ctx.db, person.uuid);
      const verdict = pensionEligibility({
        birth: person.birthDate,
        category: category.value,
        contributionMonths: months,
        month: input.month,
      });
      return {
        retirementMonth: age.retirementMonth,
        age: { years: age.years, months: age.months },
        minimumContributionMonths: age.minimumContributionMonths,
        contributionMonths: months,
        eligible: verdict.eligible,
        rule: verdict.eligible ? null : verdict.rule,
      };
    }),
});
