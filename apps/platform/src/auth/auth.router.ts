import { z } from 'zod';
import { keyStoreFor } from '../keys/keystore.ts';
import { NoInput } from '../schemas.ts';
import { exchangeAssertion } from '../services/service-token.service.ts';
import { sessionOf } from '../sessions/caller.ts';
import { issueSessionToken } from '../sessions/issue.ts';
import { refreshSession, revokeSession } from '../sessions/session.service.ts';
import { procedure, router } from '../trpc.ts';
import {
  ChangePasswordInput,
  LoginInput,
  LoginOutput,
  RefreshInput,
  ServiceTokenInput,
  ServiceTokenOutput,
  SessionTokens,
} from './auth.schemas.ts';
import { login } from './login.service.ts';
import { changePassword } from './password.service.ts';

// All mutations: credentials travel in a POST body, never in a URL that proxies log. Each checks a
// credential, so the host's credential rate limits apply (per source, and per account where one is named).

export const authRouter = router({
  login: procedure
    .public({ credential: { accountField: 'username' } })
    .input(LoginInput)
    .output(LoginOutput)
    .mutation(({ ctx, input }) => login(ctx.db, keyStoreFor(ctx.db), input, ctx.now(), ctx.audit)),
  /** Public: the access token may have expired; the refresh token is the credential. */
  refresh: procedure
    .public({ credential: {} })
    .input(RefreshInput)
    .output(LoginOutput)
    .mutation(async ({ ctx, input }) => {
      const { session, refreshToken } = await refreshSession(ctx.db, input.refreshToken, ctx.now());
      ctx.audit.objects(`session:${session.sid}`);
      return { ...(await issueSessionToken(ctx.db, keyStoreFor(ctx.db), session, ctx.now())), refreshToken };
    }),
  logout: procedure
    .requires('platform.session.end')
    .input(NoInput)
    .output(z.object({ revoked: z.boolean() }))
    .mutation(async ({ ctx }) => {
      const { sid } = sessionOf(ctx.principal);
      ctx.audit.objects(`session:${sid}`);
      return { revoked: await revokeSession(ctx.db, sid, 'logout', ctx.now()) };
    }),
  changePassword: procedure
    .requires('platform.password.change', { credential: {} })
    .input(ChangePasswordInput)
    .output(SessionTokens)
    .mutation(({ ctx, input }) => {
      const { official } = sessionOf(ctx.principal);
      ctx.audit.objects(official.id);
      return changePassword(ctx.db, keyStoreFor(ctx.db), official, input, ctx.now());
    }),
  serviceToken: procedure
    .public({ credential: {} })
    .input(ServiceTokenInput)
    .output(ServiceTokenOutput)
    .mutation(({ ctx, input }) => exchangeAssertion(ctx.db, keyStoreFor(ctx.db), input, ctx.now())),
});
