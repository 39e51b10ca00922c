import { z } from 'zod';
import { RECTIFY_WORKING_DAYS } from '../findings/finding.rules.ts';
import { actorOf } from '../shared/actor.ts';
import { procedure, router } from '../trpc.ts';
import { RULE_NAMES } from './check.schemas.ts';
import { runCheck } from './check.service.ts';

/** Rules as code: each a pure function over pulled data, run for a project. */
export const checksRouter = router({
  run: procedure
    .requires('golden-audit.check.run')
    .input(
      z.strictObject({
        projectId: z.uuid(),
        rule: z.enum(RULE_NAMES),
        /** Working days the audited body has to rectify each finding. */
        rectifyWorkingDays: z.number().int().min(1).max(250).default(RECTIFY_WORKING_DAYS.days),
      }),
    )
    .output(z.strictObject({ rule: z.string(), pullIds: z.array(z.uuid()), findingIds: z.array(z.uuid()) }))
    .mutation(async ({ ctx, input }) => {
      const ran = await runCheck(ctx.db, input, actorOf(ctx));
      ctx.audit.objects(`project:${input.projectId}`, ...ran.findingIds.map((id) => `finding:${id}`));
      return ran;
    }),
});
