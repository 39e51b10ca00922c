import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import type { PlatformRouter } from '@egov/platform/router';
import type { TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import type { PublicationId } from '../sources/source.rules.ts';

/** What macroeconomics needs of the exchange: a grant token from the platform, a publication from its owner. */
export interface SourceClient {
  grantToken(grantId: string): Promise<string>;
  /** The publication of `resourceId` for `period` (`YYYY-MM`), as the owner serves it (unchecked). */
  publication(resourceId: PublicationId, period: string, grant: string): Promise<unknown>;
}

type Connect = <R extends AnyRouter>(name: string, options?: { grant?: string }) => TRPCClient<R>;

/**
 * The exchange over the unified network client: the platform issues the grant token
 * (`catalog.grantToken`), the owner app checks it (the kernel's grant check) and logs the call under
 * the grant; each call is in this app's audit record too (`call-out:`).
 *
 * @example
 * const sources = sourcesOverNetwork(ctx.connect);
 */
export function sourcesOverNetwork(connect: Connect): SourceClient {
  return {
    grantToken: async (grantId) =>
      (await connect<PlatformRouter>('platform').catalog.grantToken.query({ grantId })).token,
    publication: (resourceId, period, grant) => {
      switch (resourceId) {
        case 'GC-TRD-0001':
          return connect<GoldenCustomsRouter>('golden-customs', { grant }).statistics.monthlyTrade.query({
            period,
          });
        case 'GT-REV-0001':
          return connect<GoldenTaxRouter>('golden-tax', { grant }).statistics.monthlyRevenue.query({
            period,
          });
        case 'GF-REC-0001':
          return connect<GoldenFinanceRouter>('golden-finance', { grant }).statistics.monthlyReceipts.query({
            period,
          });
      }
    },
  };
}
