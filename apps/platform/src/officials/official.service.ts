import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import { maskPhone } from '@egov/standards';
import { agencyScope, assertAgencyInScope } from '../access/scope.ts';
import type { PlatformDb } from '../database.ts';
import { assertPassword } from '../passwords/policy.ts';
import { requireAgency } from './agency.service.ts';
import type { OfficialRow } from './official.table.ts';
import type { CreateOfficialInput, Official } from './officials.schemas.ts';
import { hashPassword } from './password.ts';

export const officialColumns = [
  'id',
  'username',
  'display_name',
  'agency_code',
  'disabled',
  'locked_until',
  'phone',
  'created_at',
] as const;
export type ListedRow = Pick<OfficialRow, (typeof officialColumns)[number]>;

/**
 * Creates an official (no roles: those are the security administrator's to
 * grant) with an argon2id hash of a password the deployment's profile
 * accepts, within the caller's agency unless the caller is of the national office.
 *
 * @example
 * const official = await createOfficial(db, ctx.principal, { username: 'li.wei', displayName: 'Li Wei', agency: 'mps', password: 'a long enough pass phrase' });
 */
export async function createOfficial(
  db: PlatformDb,
  caller: Principal,
  input: CreateOfficialInput,
): Promise<Official> {
  assertAgencyInScope(caller, input.agency);
  assertPassword(input.password, { username: input.username, multiFactor: false });
  await requireAgency(db, input.agency);
  const row = await db
    .insertInto('official')
    .values({
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      agency_code: input.agency,
      password_hash: await hashPassword(input.password),
      phone: input.phone ?? null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(officialColumns)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', `username ${input.username} is taken`, {
      field: 'username',
      rule: 'taken',
    });
  }
  return toOfficial(row, [], new Date());
}

/**
 * Officials the caller may see, ordered by username: those of the caller's
 * agency, or of any (or the filtered) agency for the national office.
 * Asking for another agency is refused rather than answered with an empty list.
 *
 * @example
 * const mine = await listOfficials(db, ctx.principal, {}, new Date()); // an MPS official: MPS officials only
 */
export async function listOfficials(
  db: PlatformDb,
  caller: Principal,
  filter: { agency?: string | undefined },
  now: Date,
): Promise<Official[]> {
  if (filter.agency) assertAgencyInScope(caller, filter.agency);
  const agency = filter.agency ?? agencyScope(caller);
  let query = db.selectFrom('official').select(officialColumns).orderBy('username');
  if (agency) query = query.where('agency_code', '=', agency);
  return withRoles(db, await query.execute(), now);
}

/**
 * Attaches role names to listed rows in one query.
 *
 * @example
 * const [official] = await withRoles(db, [row], new Date());
 */
export async function withRoles(db: PlatformDb, rows: ListedRow[], now: Date): Promise<Official[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('official_role')
    .select(['official_id', 'role_name'])
    .where(
      'official_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('role_name')
    .execute();
  const rolesOf = (id: string) => links.filter((l) => l.official_id === id).map((l) => l.role_name);
  return rows.map((row) => toOfficial(row, rolesOf(row.id), now));
}

function toOfficial(row: ListedRow, roles: string[], now: Date): Official {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    agency: row.agency_code,
    roles,
    disabled: row.disabled,
    locked: row.locked_until !== null && row.locked_until > now,
    // Masked for everyone: no platform procedure needs the full number, so none reveals it.
    phone: row.phone === null ? null : maskPhone(row.phone),
    createdAt: row.created_at.toISOString(),
  };
}
