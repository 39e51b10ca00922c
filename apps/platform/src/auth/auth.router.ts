import { z } from 'zod';
import { keyStoreFor } from '../keys/keystore.ts';
import { AppName } from '../schemas.ts';
import { exchangeAssertion } from '../services/service-token.service.ts';
import { procedure, router } from '../trpc.ts';
import { login } from './login.service.ts';

// Both are mutations: credentials travel in a POST body, never in a URL that proxies log.

/** Loose on purpose: the password rules of today must not lock out passwords set under older rules. */
const LoginInput = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

const LoginOutput = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  official: z.object({
    id: z.uuid(),
    username: z.string(),
    agency: z.string(),
    roles: z.array(z.string()),
  }),
});

const ServiceTokenInput = z.strictObject({
  assertion: z.string().min(1).max(4096),
  /** The app the token is for, or `egov` for every app. */
  audience: AppName,
});

const ServiceTokenOutput = z.object({ accessToken: z.string(), expiresIn: z.number().int() });

export const authRouter = router({
  login: procedure
    .public()
    .input(LoginInput)
    .output(LoginOutput)
    .mutation(({ ctx, input }) => login(ctx.db, keyStoreFor(ctx.db), input, ctx.now())),
  serviceToken: procedure
    .public()
    .input(ServiceTokenInput)
    .output(ServiceTokenOutput)
    .mutation(({ ctx, input }) => exchangeAssertion(ctx.db, keyStoreFor(ctx.db), input, ctx.now())),
});
