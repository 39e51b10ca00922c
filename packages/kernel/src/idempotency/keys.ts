import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DomainError } from '../errors/domain-error.ts';
import type { IdempotencyKeyTable } from './migrations.ts';

/** How long a key's first result is returned for the same key. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
export const IDEMPOTENCY_HEADER = 'idempotency-key';
const keyPattern = /^[A-Za-z0-9._:-]{8,128}$/;

type Db = Kysely<{ idempotency_key: IdempotencyKeyTable }>;

export function assertKeyShape(key: string): void {
  if (!keyPattern.test(key)) {
    throw new DomainError(
      'INVALID',
      'idempotency key must be 8 to 128 characters of letters, digits and ._:-',
      {
        field: IDEMPOTENCY_HEADER,
        rule: 'format',
      },
    );
  }
}

export function requestHash(procedure: string, input: unknown): string {
  return createHash('sha256')
    .update(procedure)
    .update('\n')
    .update(JSON.stringify(input ?? null))
    .digest('hex');
}

export type Claim = { kind: 'new' } | { kind: 'replay'; response: unknown };

/**
 * Claims a key inside the mutation's transaction. The first caller inserts
 * the row and goes on; a repeat finds the committed row (on PostgreSQL a
 * concurrent repeat waits on the row until the first commits) and gets the
 * stored result. The same key for a different request is a conflict; a key
 * older than 24 hours starts afresh.
 */
export async function claimKey(
  trx: Kysely<any>,
  claim: { caller: string; key: string; procedure: string; requestHash: string; now: Date },
): Promise<Claim> {
  const db = trx as Db;
  const inserted = await db
    .insertInto('idempotency_key')
    .values({
      caller: claim.caller,
      key: claim.key,
      procedure: claim.procedure,
      request_hash: claim.requestHash,
      response: null,
      created_at: claim.now,
    })
    .onConflict((oc) => oc.columns(['caller', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return { kind: 'new' };
  const existing = await db
    .selectFrom('idempotency_key')
    .selectAll()
    .where('caller', '=', claim.caller)
    .where('key', '=', claim.key)
    .executeTakeFirstOrThrow();
  if (claim.now.getTime() - new Date(existing.created_at).getTime() > IDEMPOTENCY_WINDOW_MS) {
    await db
      .updateTable('idempotency_key')
      .set({
        procedure: claim.procedure,
        request_hash: claim.requestHash,
        response: null,
        created_at: claim.now,
      })
      .where('caller', '=', claim.caller)
      .where('key', '=', claim.key)
      .execute();
    return { kind: 'new' };
  }
  if (existing.procedure !== claim.procedure || existing.request_hash !== claim.requestHash) {
    throw new DomainError('CONFLICT', 'idempotency key was already used for a different request', {
      field: IDEMPOTENCY_HEADER,
      rule: 'reused',
    });
  }
  const response = typeof existing.response === 'string' ? JSON.parse(existing.response) : existing.response;
  return { kind: 'replay', response: (response as { data: unknown }).data };
}

export async function storeResult(
  trx: Kysely<any>,
  caller: string,
  key: string,
  data: unknown,
): Promise<void> {
  await (trx as Db)
    .updateTable('idempotency_key')
    .set({ response: JSON.stringify({ data: data ?? null }) })
    .where('caller', '=', caller)
    .where('key', '=', key)
    .execute();
}
