import { z } from 'zod';
import { assertNational } from '../access/scope.ts';
import { afterTransaction } from '../request-scope.ts';
import { NoInput } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';
import { listKeys, rotateKeys } from './key.service.ts';
import { keyStoreFor } from './keystore.ts';

const KeyState = z.object({
  kid: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  /** `signing`: signs now; `verifying`: retired, still verifies its tokens; `gone`: out of the JWKS. */
  state: z.enum(['signing', 'verifying', 'gone']),
});

/** The security administrator's keys (GB/T 22239 8.1.5.3: security parameters). */
export const keysRouter = router({
  rotate: adminProcedure('platform.key.rotate')
    .input(NoInput)
    .output(z.object({ kid: z.string(), retired: z.array(z.string()) }))
    .mutation(async ({ ctx }) => {
      assertNational(ctx.principal, 'rotate signing keys');
      const rotated = await rotateKeys(ctx.db, ctx.now());
      ctx.audit.objects(`key:${rotated.kid}`, ...rotated.retired.map((kid) => `key:${kid}`));
      // The JWKS route and this process's verifier cache the list; they must see the new key at once.
      afterTransaction(async (db) => keyStoreFor(db).invalidate());
      return rotated;
    }),
  list: adminProcedure('platform.key.read')
    .input(NoInput)
    .output(z.array(KeyState))
    .query(({ ctx }) => listKeys(ctx.db, ctx.now())),
});
