import { z } from 'zod';
import { noteResident } from '../shared/audit.ts';
import { personNameInput, residentIdInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { procedure, router } from '../trpc.ts';
import { verifyIdentity } from './verification.service.ts';

export const VerifyIdentityInput = z.strictObject({
  name: personNameInput,
  residentId: residentIdInput,
  /** Why the caller asks, e.g. 'tax registration of taxpayer 91350100…'; logged with the check. */
  purpose: z.string().trim().min(10).max(200),
});

/** Exactly one key whatever the answer, so the shape of a response tells nothing. */
export const VerifyIdentityOutput = z.strictObject({ result: z.enum(['match', 'mismatch', 'not_on_file']) });

/**
 * Identity verification for other agencies: name + ID -> match / mismatch /
 * not on file, nothing more. A mutation, not a query: it writes the log, and
 * the name, ID and purpose travel in the body instead of a URL.
 */
export const identityRouter = router({
  verify: procedure
    // Catalog resource GS-POP-0001: other agencies verify identities under the ministry's grant.
    .requires('golden-shield.identity.verify', { resource: { id: 'GS-POP-0001', sharing: 'conditional' } })
    .input(VerifyIdentityInput)
    .output(VerifyIdentityOutput)
    .mutation(async ({ ctx, input }) => {
      const { result, residentUuid } = await verifyIdentity(ctx.db, input, recorderOf(ctx));
      if (residentUuid) noteResident(ctx, residentUuid);
      return { result };
    }),
});
