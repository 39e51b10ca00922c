import type { Principal } from '@egov/kernel/identity';

/**
 * Who records a change and when. Services take it instead of a context so the
 * seed, the event handlers and the procedures write the same columns the same way.
 *
 * @example
 * await registerTaxpayer(trx, input, { by: 'official:li', at: new Date() });
 */
export interface Recorder {
  /** The principal id (`official:…`, `service:…`), `event:<producer>` or `seed:golden-tax`. */
  by: string;
  at: Date;
}

/**
 * The recorder of a request: its authenticated caller and the kernel clock.
 *
 * @example
 * .mutation(({ ctx, input }) => fileReturn(ctx.db, input, recorderOf(ctx)))
 */
export function recorderOf(ctx: { principal: Principal; now: () => Date }): Recorder {
  return { by: ctx.principal.id, at: ctx.now() };
}
