import type { Principal } from '@egov/kernel/identity';
import type { PlatformDb } from '../database.ts';
import { findOfficialInScope } from './official-admin.service.ts';

/**
 * An official's object-level scopes as the token carries them: per kind,
 * the ids (sorted), e.g. `{ 'budget-unit': ['201001'] }`.
 *
 * @example
 * const scopes = await scopesOf(db, official.id);
 */
export async function scopesOf(db: PlatformDb, officialId: string): Promise<Record<string, string[]>> {
  const rows = await db
    .selectFrom('official_scope')
    .select(['kind', 'object_id'])
    .where('official_id', '=', officialId)
    .orderBy('kind')
    .orderBy('object_id')
    .execute();
  const scopes: Record<string, string[]> = {};
  for (const r of rows) scopes[r.kind] = [...(scopes[r.kind] ?? []), r.object_id];
  return scopes;
}

export interface ScopeAssignment {
  username: string;
  kind: string;
  objectId: string;
}

/**
 * Lets an official act on one owned object (or every one of its kind, `*`);
 * idempotent. Only within the caller's agency scope, like roles. Takes effect
 * at the official's next token (at most 15 minutes).
 *
 * @example
 * await assignScope(db, ctx.principal, { username: 'unit-accountant', kind: 'budget-unit', objectId: '201001' }, now);
 */
export async function assignScope(
  db: PlatformDb,
  caller: Principal,
  input: ScopeAssignment,
  now: Date,
): Promise<{ username: string; scopes: Record<string, string[]> }> {
  const target = await findOfficialInScope(db, caller, input.username);
  await db
    .insertInto('official_scope')
    .values({
      official_id: target.id,
      kind: input.kind,
      object_id: input.objectId,
      assigned_at: now,
      assigned_by: caller.id,
    })
    .onConflict((oc) => oc.columns(['official_id', 'kind', 'object_id']).doNothing())
    .execute();
  return { username: input.username, scopes: await scopesOf(db, target.id) };
}

/** Withdraws one scope of an official (nothing to withdraw is not an error). */
export async function revokeScope(
  db: PlatformDb,
  caller: Principal,
  input: ScopeAssignment,
): Promise<{ username: string; scopes: Record<string, string[]> }> {
  const target = await findOfficialInScope(db, caller, input.username);
  await db
    .deleteFrom('official_scope')
    .where('official_id', '=', target.id)
    .where('kind', '=', input.kind)
    .where('object_id', '=', input.objectId)
    .execute();
  return { username: input.username, scopes: await scopesOf(db, target.id) };
}
