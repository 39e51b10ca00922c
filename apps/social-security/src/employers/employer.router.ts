import { recorderOf } from '@egov/kernel/trpc';
import { creditCodeSchema } from '@egov/standards';
import { z } from 'zod';
import { residentIdInput } from '../shared/inputs.ts';
import { canReveal, presentResidentId } from '../shared/reveal.ts';
import { procedure, router } from '../trpc.ts';
import { employmentsAt, getEmployer, recordEmployment, registerEmployer } from './employer.service.ts';

export const RegisterEmployerInput = z.strictObject({
  creditCode: creditCodeSchema,
  name: z.string().trim().min(1).max(100),
});

export const RecordEmploymentInput = z.strictObject({
  creditCode: creditCodeSchema,
  residentId: residentIdInput,
  startOn: z.iso.date(),
  /** The last day employed (inclusive); null or absent while it lasts. */
  endOn: z.iso.date().nullable().default(null),
});

const EmploymentView = z.strictObject({
  id: z.number().int(),
  residentId: z.string().length(18),
  name: z.string(),
  startOn: z.iso.date(),
  endOn: z.iso.date().nullable(),
});

const EmployerView = z.strictObject({
  creditCode: z.string().length(18),
  name: z.string(),
  divisionCode: z.string().length(6),
  registeredAt: z.string(),
});

/** Employers (参保单位) by credit code, with their insured employees' employment periods. */
export const employersRouter = router({
  register: procedure
    .requires('social-security.employer.register')
    .input(RegisterEmployerInput)
    .output(EmployerView)
    .mutation(async ({ ctx, input }) => {
      const employer = await registerEmployer(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`employer:${employer.creditCode}`);
      return employer;
    }),
  get: procedure
    .requires('social-security.employer.read')
    .input(z.strictObject({ creditCode: creditCodeSchema }))
    .output(EmployerView.extend({ employments: z.array(EmploymentView), revealed: z.boolean() }))
    .query(async ({ ctx, input }) => {
      const employer = await getEmployer(ctx.db, input.creditCode);
      const revealed = canReveal(ctx.principal);
      const employments = await employmentsAt(ctx.db, employer.creditCode);
      ctx.audit.objects(`employer:${employer.creditCode}`);
      if (revealed) ctx.audit.revealed(...new Set(employments.map((e) => `insured:${e.insuredUuid}`)));
      return {
        ...employer,
        revealed,
        employments: employments.map((e) => ({
          id: e.id,
          residentId: presentResidentId(e.residentId, revealed),
          name: e.name,
          startOn: e.startOn,
          endOn: e.endOn,
        })),
      };
    }),
});

/** Employment periods: no two of one person at one employer overlap. */
export const employmentsRouter = router({
  record: procedure
    .requires('social-security.employment.record')
    .input(RecordEmploymentInput)
    .output(EmploymentView.extend({ revealed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const e = await recordEmployment(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`employment:${e.id}`, `employer:${e.employerCode}`, `insured:${e.person.uuid}`);
      const revealed = canReveal(ctx.principal);
      return {
        id: e.id,
        residentId: presentResidentId(e.person.residentId, revealed),
        name: e.person.name,
        startOn: e.startOn,
        endOn: e.endOn,
        revealed,
      };
    }),
});
