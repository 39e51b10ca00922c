import type { Kysely } from 'kysely';
import { appendAuditRows } from './append.ts';
import type { AuditEntry } from './record.ts';

/** Appends records that belong to no transaction of their own (queries, refusals, failed mutations). */
export interface AuditWriter {
  /** Resolves once the record is committed; rejects if it could not be stored. */
  append(entry: AuditEntry): Promise<void>;
}

interface Waiting {
  entry: AuditEntry;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for records outside a transaction: the records that arrive
 * while one insert is running go together in the next, one statement and one
 * commit for all of them. No timer: a lone record is written at once. Every
 * caller still waits for its own record's commit, so durability is not traded
 * for speed; a batch the database refuses is retried one record at a time, so
 * a bad record fails only its own caller.
 *
 * @example
 * const writer = createAuditWriter(database.db);
 * await writer.append(entry); // committed
 */
export function createAuditWriter(db: Kysely<any>, maxBatch = 500): AuditWriter {
  let queue: Waiting[] = [];
  let writing = false;

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          await appendAuditRows(
            db,
            batch.map((w) => w.entry),
          );
          for (const w of batch) w.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]!.reject(error);
            continue;
          }
          for (const w of batch) {
            await appendAuditRows(db, [w.entry]).then(w.resolve, w.reject);
          }
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    append: (entry) =>
      new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        if (!writing) void drain();
      }),
  };
}
