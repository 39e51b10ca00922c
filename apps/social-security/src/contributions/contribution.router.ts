import { DomainError } from '@egov/kernel/errors';
import { recorderOf } from '@egov/kernel/trpc';
import { boundedFenSchema, chinaDate, creditCodeSchema, fenTotalSchema } from '@egov/standards';
import { z } from 'zod';
import { getInsured } from '../insured/insured.service.ts';
import { residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { wageFenInput } from './contribution.rules.ts';
import { DeclarationView, presentDeclaration } from './contribution.view.ts';
import {
  averageWageFor,
  arrearsOf,
  fileDeclaration,
  getDeclaration,
  payDeclaration,
  personalAccount,
  setAverageWage,
} from './contribution.service.ts';

const year = z.number().int().min(1990).max(2100);

const AverageWageView = z.strictObject({
  year: z.number().int(),
  annualFen: z.number().int(),
  monthlyAverageFen: z.number().int(),
  floorFen: z.number().int(),
  capFen: z.number().int(),
  source: z.enum(['local', 'national-default']),
});

export const SetAverageWageInput = z.strictObject({
  year,
  /** The year's annual average wage in fen: positive, at most 10 million yuan (the treasury-item bound is far above). */
  annualFen: boundedFenSchema('treasuryItem').refine((v) => v <= 1_000_000_000, {
    message: 'an annual average wage above 10,000,000 yuan is not plausible',
    params: { rule: 'implausible' },
  }),
});

export const FileDeclarationInput = z.strictObject({
  creditCode: creditCodeSchema,
  /** The month declared, `YYYY-MM`; not a month that has not begun. */
  period: z.string().max(7),
  lines: z
    .array(z.strictObject({ residentId: residentIdInput, wageFen: wageFenInput }))
    .min(1)
    .max(1000),
});

/** The local average wage of a year (R), which bounds contribution bases. */
export const wagesRouter = router({
  set: procedure
    .requires('social-security.wage.set')
    .input(SetAverageWageInput)
    .output(AverageWageView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`average-wage:${input.year}`);
      return setAverageWage(ctx.db, input, recorderOf(ctx));
    }),
  get: procedure
    .requires('social-security.wage.read')
    .input(z.strictObject({ year }))
    .output(AverageWageView)
    .query(async ({ ctx, input }) => {
      const wage = await averageWageFor(ctx.db, input.year);
      if (!wage) throw new DomainError('NOT_FOUND', `no average wage for ${input.year}`, { field: 'year' });
      return wage;
    }),
});

/** Monthly contribution declarations (缴费申报), one per employer and month, and personal accounts. */
export const declarationsRouter = router({
  file: procedure
    .requires('social-security.declaration.file')
    .input(FileDeclarationInput)
    .output(DeclarationView)
    .mutation(async ({ ctx, input }) =>
      presentDeclaration(ctx, await fileDeclaration(ctx.db, input, recorderOf(ctx))),
    ),
  get: procedure
    .requires('social-security.declaration.read')
    .input(z.strictObject({ creditCode: creditCodeSchema, period: z.string().max(7) }))
    .output(DeclarationView)
    .query(async ({ ctx, input }) =>
      presentDeclaration(ctx, await getDeclaration(ctx.db, input.creditCode, input.period)),
    ),
  pay: procedure
    .requires('social-security.declaration.pay')
    .input(z.strictObject({ creditCode: creditCodeSchema, period: z.string().max(7), paidOn: z.iso.date() }))
    .output(
      z.strictObject({
        period: z.string(),
        contributionFen: z.number().int(),
        lateFeeFen: z.number().int(),
        daysLate: z.number().int(),
        dueOn: z.iso.date(),
        paidOn: z.iso.date(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { declarationId, ...payment } = await payDeclaration(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`declaration:${declarationId}`, `employer:${input.creditCode}`);
      return payment;
    }),
  arrears: procedure
    .requires('social-security.declaration.read')
    .input(z.strictObject({ creditCode: creditCodeSchema }))
    .output(
      z.array(
        z.strictObject({
          period: z.string(),
          contributionFen: z.number().int(),
          dueOn: z.iso.date(),
          daysLate: z.number().int(),
          lateFeeFen: z.number().int(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => arrearsOf(ctx.db, input.creditCode, chinaDate(new Date()))),
  account: procedure
    .requires('social-security.declaration.read')
    .input(z.strictObject({ residentId: residentIdInput }))
    .output(
      z.strictObject({
        balanceFen: fenTotalSchema,
        entries: z.array(
          z.strictObject({
            period: z.string(),
            amountFen: z.number().int(),
            declarationId: z.number().int(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const person = await getInsured(ctx.db, input.residentId);
      ctx.audit.objects(`insured:${person.uuid}`);
      return personalAccount(ctx.db, person.uuid);
    }),
});
