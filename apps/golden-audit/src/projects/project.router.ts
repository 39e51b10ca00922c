import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { agencyInput, dateInput, distinct, resourceIdInput, usernameInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { createProject, getProject, listProjects } from './project.service.ts';

export const CreateProjectInput = z.strictObject({
  code: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(200),
  auditedAgencies: distinct(agencyInput, 20),
  /** The catalog resources the project may pull: its data scope. */
  resources: distinct(resourceIdInput, 30),
  scope: z.string().trim().min(1).max(2000),
  periodFrom: dateInput,
  periodTo: dateInput,
  leader: usernameInput,
  members: z
    .array(usernameInput)
    .max(30)
    .superRefine((list, ctx) => {
      const index = list.findIndex((x, i) => list.indexOf(x) !== i);
      if (index >= 0)
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: 'must not repeat a member',
          params: { rule: 'repeated' },
        });
    }),
});

export const ProjectView = z.strictObject({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  auditedAgencies: z.array(z.string()),
  resources: z.array(z.string()),
  scope: z.string(),
  period: z.strictObject({ from: z.string(), to: z.string() }),
  team: z.strictObject({ leader: z.string(), members: z.array(z.string()) }),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** Audit projects (审计项目): scope, team and period. */
export const projectsRouter = router({
  create: procedure
    .requires('golden-audit.project.manage')
    .input(CreateProjectInput)
    .output(ProjectView)
    .mutation(async ({ ctx, input }) => {
      const project = await createProject(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`project:${project.id}`);
      return project;
    }),
  get: procedure
    .requires('golden-audit.project.read')
    .input(z.strictObject({ id: z.uuid() }))
    .output(ProjectView)
    .query(({ ctx, input }) => getProject(ctx.db, input.id)),
  list: procedure
    .requires('golden-audit.project.read')
    .input(z.strictObject({}).optional())
    .output(z.array(ProjectView))
    .query(({ ctx }) => listProjects(ctx.db)),
});
