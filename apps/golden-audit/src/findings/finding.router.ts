import { chinaDate } from '@egov/standards';
import { z } from 'zod';
import { actorOf } from '../shared/actor.ts';
import { dateInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { listFindings, rectifyFinding } from './finding.service.ts';

const Status = z.enum(['open', 'rectified', 'overdue']);

export const FindingView = z.strictObject({
  id: z.uuid(),
  projectId: z.uuid(),
  rule: z.string(),
  summary: z.string(),
  /** Fen at stake, a decimal integer string. */
  amountFen: z.string(),
  cites: z.array(z.string()),
  pullIds: z.array(z.uuid()),
  issuedOn: z.string(),
  deadline: z.string(),
  status: Status,
  rectifiedOn: z.string().nullable(),
  rectification: z.string().nullable(),
  issuedBy: z.string(),
});

/** Findings (审计发现) and their rectification (整改) tracking. */
export const findingsRouter = router({
  list: procedure
    .requires('golden-audit.project.read')
    .input(z.strictObject({ projectId: z.uuid(), status: Status.optional() }))
    .output(z.array(FindingView))
    .query(({ ctx, input }) => listFindings(ctx.db, input.projectId, chinaDate(ctx.now()), input.status)),
  rectify: procedure
    .requires('golden-audit.finding.rectify')
    .input(
      z.strictObject({
        projectId: z.uuid(),
        findingId: z.uuid(),
        rectifiedOn: dateInput,
        rectification: z.string().trim().min(2).max(2000),
      }),
    )
    .output(FindingView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`project:${input.projectId}`, `finding:${input.findingId}`);
      return rectifyFinding(ctx.db, input, actorOf(ctx));
    }),
});
