import type { TRPCClient } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';

declare global {
  /**
   * Every app's router type by its name, so `ctx.connect('golden-finance')` is typed without naming
   * the type by hand. Each app registers its own in its `router.ts`:
   *
   * ```ts
   * declare global {
   *   interface EgovAppRouters { 'golden-finance': GoldenFinanceRouter }
   * }
   * ```
   *
   * and a caller brings the apps it calls into its program with one type-only import each (in its
   * `trpc.ts`: `import type {} from '@egov/golden-finance/router';`), as the architecture test allows.
   * Global, not a module augmentation: an app reaches the kernel by more than one path in
   * node_modules, and TypeScript refuses to augment a module it deduplicated.
   */
  interface EgovAppRouters {}
}

/** Every app's router type by its name (the global `EgovAppRouters`, filled by each app's router.ts). */
export type AppRouters = EgovAppRouters;

/**
 * A client maker typed by app name from {@link AppRouters}; the explicit form
 * `connect<GoldenFinanceRouter>('golden-finance')` keeps working for any name.
 */
export interface ConnectByName<O> {
  <N extends keyof AppRouters & string>(name: N, options?: O): TRPCClient<AppRouters[N]>;
  <TRouter extends AnyRouter>(name: string, options?: O): TRPCClient<TRouter>;
}
