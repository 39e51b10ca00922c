import { AsyncLocalStorage } from 'node:async_hooks';
import type { AgencyAppDefinition } from '@egov/kernel/app';
import type { PlatformDatabase, PlatformDb } from './database.ts';

export type PlatformRoutes = NonNullable<AgencyAppDefinition<PlatformDatabase>['routes']>;

type Effect = (db: PlatformDb) => Promise<unknown>;

interface RequestScope {
  effects: Effect[];
}

const storage = new AsyncLocalStorage<RequestScope>();

/**
 * Wraps every `/trpc` request in a scope that runs deferred effects once the
 * kernel's transaction has ended, on the app's own connection.
 *
 * Why: the kernel rolls a refused mutation back, and with it anything the
 * handler wrote. A failed login must still count towards the lockout, and a
 * failed second factor towards the session's attempts, so those writes wait
 * here until the transaction is over. They cannot run earlier on a second
 * connection: PGlite has exactly one, which the transaction holds.
 */
export const requestScopeRoutes: PlatformRoutes = (hono, { database }) => {
  hono.use('/trpc/*', async (_c, next) => {
    const scope: RequestScope = { effects: [] };
    await storage.run(scope, next);
    // In order, before the answer leaves: a client that saw its 401 sees the counter too.
    for (const effect of scope.effects) await effect(database.db);
  });
};

/**
 * Runs `effect` after the current request's transaction, committed or rolled
 * back. Only for writes that must survive a refusal (counters, revocations),
 * and each must be a single atomic statement, since nothing wraps it.
 *
 * @example
 * afterTransaction((db) => countFailedLogin(db, username, now));
 * throw new DomainError('UNAUTHORIZED', 'username or password is wrong');
 */
export function afterTransaction(effect: Effect): void {
  const scope = storage.getStore();
  if (!scope) throw new Error('afterTransaction runs only inside a /trpc request of the platform');
  scope.effects.push(effect);
}
