import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import type { TRPCClient } from '@trpc/client';

/** What golden-shield answers of a name and resident ID: nothing more than this. */
export type IdentityAnswer = 'match' | 'mismatch' | 'not_on_file';

/** The part of the population base social security asks. */
export interface IdentityRegister {
  verify(input: { name: string; residentId: string; purpose: string }): Promise<IdentityAnswer>;
}

/**
 * golden-shield's `identity.verify` over the kernel's network client: the
 * kernel sends social-security's service token and the trace, and the call is
 * audited as a call-out here and a call-in at golden-shield.
 *
 * @example
 * const shield = identityOverNetwork(() => ctx.connect<GoldenShieldRouter>('golden-shield'));
 */
export function identityOverNetwork(connect: () => TRPCClient<GoldenShieldRouter>): IdentityRegister {
  return {
    verify: async (input) => (await connect().identity.verify.mutate(input)).result,
  };
}
