import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { ConnectByName } from '@egov/kernel/network';
import { describe, expectTypeOf, it } from 'vitest';

/*
 * `ctx.connect('golden-finance')` is typed from the name alone (golden-finance registers its router
 * type in @egov/kernel/network's AppRouters; golden-tax's trpc.ts brings it in), and the explicit
 * `ctx.connect<GoldenFinanceRouter>('golden-finance')` still compiles. Checked by tsc (typecheck).
 */
describe('ctx.connect by name', () => {
  it('is the callee router’s client, the same as the explicit form', () => {
    const byName = (connect: ConnectByName<never>) => connect('golden-finance');
    const explicit = (connect: ConnectByName<never>) => connect<GoldenFinanceRouter>('golden-finance');
    expectTypeOf<ReturnType<typeof byName>>().toEqualTypeOf<ReturnType<typeof explicit>>();
    expectTypeOf<ReturnType<typeof byName>['treasury']['receive']['mutate']>().toBeFunction();
    const misspelt = (connect: ConnectByName<never>) =>
      // @ts-expect-error: golden-finance's treasury has no procedure "recieve"
      connect('golden-finance').treasury.recieve;
    expectTypeOf(misspelt).toBeFunction();
  });
});
