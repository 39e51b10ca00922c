import type { Principal } from '@egov/kernel/identity';
import { chinaDate } from '@egov/standards';

/**
 * Who records a change and when. Services take it instead of a context so the
 * seed and the procedures write the same columns the same way.
 *
 * @example
 * await requestPayment(trx, input, { by: 'official:li', at: new Date() });
 */
export interface Recorder {
  /** The principal id (`official:…`, `service:golden-customs`) or `seed:golden-finance…`. */
  by: string;
  at: Date;
}

/**
 * The recorder of a request: its authenticated caller and the kernel clock.
 *
 * @example
 * .mutation(({ ctx, input }) => executePayment(ctx.db, input.paymentId, recorderOf(ctx)))
 */
export function recorderOf(ctx: { principal: Principal; now: () => Date }): Recorder {
  return { by: ctx.principal.id, at: ctx.now() };
}

/**
 * The treasury business date (账务日期) of an instant: the calendar day in China,
 * whatever the server's time zone.
 *
 * @example
 * businessDate(new Date('2026-03-01T17:00:00Z')) // '2026-03-02'
 */
export function businessDate(at: Date): string {
  return chinaDate(at);
}
