import type { Principal } from '../identity/principal.ts';

/**
 * Who records a change and when. Services take it instead of a context, so
 * procedures, event handlers and seeds write the same columns the same way.
 *
 * @example
 * await recordDeath(trx, input, { by: 'official:li', at: new Date() });
 * await recordDeath(trx, input, seedRecorder('golden-shield', new Date()));
 */
export interface Recorder {
  /** The principal id (`official:…`, `service:…`), `event:<producer>` or `seed:<app>`. */
  by: string;
  at: Date;
}

/**
 * The recorder of a request: its authenticated caller and the kernel clock.
 *
 * @example
 * .mutation(({ ctx, input }) => recordMove(ctx.db, input, recorderOf(ctx)))
 */
export function recorderOf(ctx: { principal: Principal; now: () => Date }): Recorder {
  return { by: ctx.principal.id, at: ctx.now() };
}
