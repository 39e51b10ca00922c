import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { remoteDomainError } from '@egov/kernel/trpc';
import type { TRPCClient } from '@trpc/client';

/**
 * What golden-tax says of an importer. A general VAT taxpayer (一般纳税人)
 * may deduct the import VAT customs collects as input tax; a small-scale one
 * (小规模纳税人) may not; an unregistered one is a risk signal for customs.
 */
export type TaxStanding =
  | { registered: true; kind: 'general' | 'small-scale'; name: string; divisionCode: string }
  | { registered: false };

/** The part of golden-tax's taxpayer register that customs reads. */
export interface TaxRegister {
  standing(creditCode: string): Promise<TaxStanding>;
}

/**
 * The taxpayer register over the unified network client (a cross-agency
 * query: the kernel sends customs' service token and the trace, and records
 * the call in customs' audit log and, as a call-in, in golden-tax's).
 *
 * @example
 * const tax = taxRegisterOverNetwork(() => ctx.connect<GoldenTaxRouter>('golden-tax'));
 * await tax.standing('91310115MA1H7GXX8C');
 */
export function taxRegisterOverNetwork(connect: () => TRPCClient<GoldenTaxRouter>): TaxRegister {
  return {
    standing: async (creditCode) => {
      try {
        const taxpayer = await connect().taxpayers.get.query({ creditCode });
        return {
          registered: true,
          kind: taxpayer.kind,
          name: taxpayer.name,
          divisionCode: taxpayer.division.code,
        };
      } catch (error) {
        if (remoteDomainError(error)?.code === 'NOT_FOUND') return { registered: false };
        throw error;
      }
    },
  };
}
