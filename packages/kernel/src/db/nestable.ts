import type { Kysely, Transaction } from 'kysely';

/**
 * The kernel runs every mutation in one transaction (with its audit record).
 * Service functions may still say `db.transaction().execute(fn)` so they also
 * work outside a request (seeds, CLI); inside the kernel's transaction that
 * simply runs `fn` in it, as a nested block, instead of throwing.
 */
export function nestable<DB>(trx: Transaction<DB>): Kysely<DB> {
  const proxy: Kysely<DB> = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        const builder = {
          setIsolationLevel: () => builder,
          setAccessMode: () => builder,
          execute: <T>(fn: (t: Transaction<DB>) => Promise<T>) => fn(proxy as Transaction<DB>),
        };
        return () => builder;
      }
      const value = Reflect.get(target, prop, target);
      // Kysely keeps state in #private fields, which only the real object can reach.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return proxy;
}
