import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a transaction: the caller's own when `db` already is one (the
 * kernel's mutation transaction, an event handler's, a seed's), a new one
 * otherwise. Kysely cannot nest transactions; this lets one service function
 * serve a procedure, an event handler and a seed alike.
 *
 * @example
 * const resident = await inTransaction(db, (trx) => registerBirth(trx, input, recorder));
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
