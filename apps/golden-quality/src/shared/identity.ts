import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import { DomainError } from '@egov/kernel/errors';
import type { PlatformRouter } from '@egov/platform/router';
import type { TRPCClient } from '@trpc/client';

/** What golden-shield answers of a name and resident ID: nothing more than this. */
export type IdentityAnswer = 'match' | 'mismatch' | 'not_on_file';

/** The part of the population base golden-quality asks. */
export interface IdentityRegister {
  verify(input: { name: string; residentId: string; purpose: string }): Promise<IdentityAnswer>;
}

/** The catalog resource golden-shield serves `identity.verify` under (conditional: a grant is needed). */
export const POPULATION_RESOURCE = 'GS-POP-0001';

/**
 * golden-shield's `identity.verify` over the kernel's network client, under
 * golden-quality's catalog grant for GS-POP-0001: the grant is looked up at the
 * platform (`catalog.grants`, active ones) and a short-lived grant token fetched
 * (`catalog.grantToken`) for each check; both calls are audited at the platform,
 * the check at golden-shield (with the grant id) and here (as call-outs).
 * Without an active grant the check is refused (403 `grant_required`) before
 * golden-shield is asked.
 *
 * @example
 * const shield = identityOverNetwork((grant) => ctx.connect<GoldenShieldRouter>('golden-shield', { grant }),
 *   () => ctx.connect<PlatformRouter>('platform'));
 */
export function identityOverNetwork(
  shield: (grant: string) => TRPCClient<GoldenShieldRouter>,
  platform: () => TRPCClient<PlatformRouter>,
): IdentityRegister {
  return {
    verify: async (input) => {
      const catalog = platform().catalog;
      const grants = await catalog.grants.query({ resourceId: POPULATION_RESOURCE, active: true });
      const grant = grants.find(
        (g) => g.consumerApp === 'golden-quality' && g.procedures.includes('identity.verify'),
      );
      if (!grant)
        throw new DomainError(
          'FORBIDDEN',
          `golden-quality holds no active grant for ${POPULATION_RESOURCE} (identity.verify); ask its owner through the catalog`,
          { rule: 'grant_required' },
        );
      const { token } = await catalog.grantToken.query({ grantId: grant.id });
      return (await shield(token).identity.verify.mutate(input)).result;
    },
  };
}
