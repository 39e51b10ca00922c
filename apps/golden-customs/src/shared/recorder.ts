import type { Principal } from '@egov/kernel/identity';

/**
 * Who records a change and when. Services take it instead of a context so the
 * seed and the procedures write the same columns the same way.
 *
 * @example
 * await submitDeclaration(trx, input, { by: 'official:li', at: new Date() });
 */
export interface Recorder {
  /** The principal id (`official:…`, `service:…`) or `seed:golden-customs`. */
  by: string;
  at: Date;
}

/**
 * The recorder of a request: its authenticated caller and the kernel clock.
 *
 * @example
 * .mutation(({ ctx, input }) => releaseDeclaration(ctx.db, input.declarationId, recorderOf(ctx)))
 */
export function recorderOf(ctx: { principal: Principal; now: () => Date }): Recorder {
  return { by: ctx.principal.id, at: ctx.now() };
}
