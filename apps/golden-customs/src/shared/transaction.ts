import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a transaction: the caller's own when `db` already is one, a
 * new one otherwise. The kernel runs every mutation in a transaction together
 * with its audit record and hands the procedure that transaction as `ctx.db`
 * (Kysely cannot nest them); the seed and scripts start from a plain handle.
 *
 * @example
 * const resident = await inTransaction(ctx.db, (trx) => registerBirth(trx, input, recorderOf(ctx)));
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx: Transaction<DB>) => work(trx));
}
