import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import { inScope } from '../access/scope.ts';
import { clearFailures } from '../auth/lockout.ts';
import type { PlatformDb } from '../database.ts';
import { revokeAllSessions } from '../sessions/session.service.ts';
import { type ListedRow, officialColumns, withRoles } from './official.service.ts';
import type { Official } from './officials.schemas.ts';

/**
 * The official named `username`, if the caller's agency scope reaches them.
 * Out of scope reads exactly like "no such official", so probing usernames
 * of other agencies learns nothing.
 *
 * @example
 * const target = await findOfficialInScope(db, ctx.principal, 'li.wei');
 */
export async function findOfficialInScope(
  db: PlatformDb,
  caller: Principal,
  username: string,
): Promise<ListedRow> {
  const row = await db
    .selectFrom('official')
    .select(officialColumns)
    .where('username', '=', username)
    .executeTakeFirst();
  if (!row || !inScope(caller, row.agency_code)) {
    throw new DomainError('NOT_FOUND', `no official named ${username}`, {
      field: 'username',
      rule: 'unknown',
    });
  }
  return row;
}

/**
 * Grants `role` to an official. The role's `admin_kind` is copied from the
 * role table in the same statement; the database refuses a second
 * administrator role (partial unique index), and this checks first only to
 * answer with a readable error instead of a constraint name.
 *
 * @example
 * await assignRole(db, ctx.principal, { username: 'li.wei', role: 'shield-clerk' }, now);
 */
export async function assignRole(
  db: PlatformDb,
  caller: Principal,
  input: { username: string; role: string },
  now: Date,
): Promise<Official> {
  const target = await findOfficialInScope(db, caller, input.username);
  const role = await db
    .selectFrom('role')
    .select('admin_kind')
    .where('name', '=', input.role)
    .executeTakeFirst();
  if (!role)
    throw new DomainError('INVALID', `no role named ${input.role}`, { field: 'role', rule: 'unknown_role' });
  if (role.admin_kind !== 'none') {
    const held = await db
      .selectFrom('official_role')
      .select('role_name')
      .where('official_id', '=', target.id)
      .where('admin_kind', '<>', 'none')
      .where('role_name', '<>', input.role)
      .executeTakeFirst();
    if (held) {
      throw new DomainError(
        'CONFLICT',
        `${input.username} already holds ${held.role_name}: one official may hold only one administrator role`,
        { field: 'role', rule: 'separation_of_duties' },
      );
    }
  }
  await db
    .insertInto('official_role')
    .columns(['official_id', 'role_name', 'admin_kind'])
    .expression((eb) =>
      eb
        .selectFrom('role')
        .select([eb.val(target.id).as('official_id'), 'name', 'admin_kind'])
        .where('name', '=', input.role),
    )
    .onConflict((oc) => oc.columns(['official_id', 'role_name']).doNothing())
    .execute();
  const [official] = await withRoles(db, [target], now);
  return official!;
}

/**
 * Disables an account and voids everything it holds at once: every session
 * is revoked and every token issued so far refused (a subject `notBefore`
 * on the revocation list), not just when the tokens expire.
 *
 * @example
 * await disableOfficial(db, ctx.principal, 'li.wei', now);
 */
export async function disableOfficial(db: PlatformDb, caller: Principal, username: string, now: Date) {
  const target = await findOfficialInScope(db, caller, username);
  await db.updateTable('official').set({ disabled: true }).where('id', '=', target.id).execute();
  const sessionsEnded = await revokeAllSessions(db, target.id, 'disabled', now, { voidTokens: true });
  const [official] = await withRoles(db, [{ ...target, disabled: true }], now);
  return { official: official!, sessionsEnded };
}

/**
 * Lifts a lockout before it runs out (the security administrator, after
 * checking who is asking).
 *
 * @example
 * await unlockOfficial(db, ctx.principal, 'li.wei', now);
 */
export async function unlockOfficial(db: PlatformDb, caller: Principal, username: string, now: Date) {
  const target = await findOfficialInScope(db, caller, username);
  await clearFailures(db, target.id);
  const [official] = await withRoles(db, [{ ...target, locked_until: null }], now);
  return official!;
}
