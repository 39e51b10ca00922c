import { z } from 'zod';
import { SessionTokens } from '../auth/auth.schemas.ts';
import { keyStoreFor } from '../keys/keystore.ts';
import { findOfficialInScope } from '../officials/official-admin.service.ts';
import { OfficialRef } from '../officials/officials.schemas.ts';
import { NoInput } from '../schemas.ts';
import { sessionOf } from '../sessions/caller.ts';
import { adminProcedure, procedure, router } from '../trpc.ts';
import { confirmTotp, enrolTotp, resetTotp, verifyTotp } from './mfa.service.ts';

const Code = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'must be the 6 digits the authenticator app shows'),
});

/** The caller's session, with who they are, for the second-factor procedures. */
function callerOf(principal: Parameters<typeof sessionOf>[0]) {
  const { official, sid } = sessionOf(principal);
  return { sid, officialId: official.id.slice('official:'.length), username: official.username };
}

export const mfaRouter = router({
  enrol: procedure
    .requires('platform.mfa.enrol')
    .input(NoInput)
    .output(z.object({ otpauthUri: z.string() }))
    .mutation(({ ctx }) => {
      const caller = callerOf(ctx.principal);
      ctx.audit.objects(`official:${caller.officialId}`);
      return enrolTotp(ctx.db, caller, ctx.now());
    }),
  confirm: procedure
    .requires('platform.mfa.enrol', { credential: {} })
    .input(Code)
    .output(SessionTokens)
    .mutation(({ ctx, input }) => {
      const caller = callerOf(ctx.principal);
      ctx.audit.objects(`official:${caller.officialId}`, `session:${caller.sid}`);
      return confirmTotp(ctx.db, keyStoreFor(ctx.db), caller, input.code, ctx.now());
    }),
  verify: procedure
    .requires('platform.mfa.verify', { credential: {} })
    .input(Code)
    .output(SessionTokens)
    .mutation(({ ctx, input }) => {
      const caller = callerOf(ctx.principal);
      ctx.audit.objects(`official:${caller.officialId}`, `session:${caller.sid}`);
      return verifyTotp(ctx.db, keyStoreFor(ctx.db), caller, input.code, ctx.now());
    }),
  reset: adminProcedure('platform.mfa.reset')
    .input(OfficialRef)
    .output(z.object({ reset: z.boolean(), sessionsEnded: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const target = await findOfficialInScope(ctx.db, ctx.principal, input.username);
      ctx.audit.objects(`official:${target.id}`);
      return resetTotp(ctx.db, target.id, ctx.now());
    }),
});
