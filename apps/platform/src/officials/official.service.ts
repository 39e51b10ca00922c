import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import { inTransaction, type PlatformDb } from '../database.ts';
import { requireAgency } from './agency.service.ts';
import type { OfficialRow } from './official.table.ts';
import type { CreateOfficialInput, Official } from './officials.schemas.ts';
import { hashPassword } from './password.ts';
import { requireRoles } from './role.service.ts';

const officialColumns = ['id', 'username', 'display_name', 'agency_code', 'disabled', 'created_at'] as const;
type ListedRow = Pick<OfficialRow, (typeof officialColumns)[number]>;

/**
 * Creates an official with an argon2id password hash and, optionally, roles.
 * The result never contains the hash.
 *
 * @example
 * const official = await createOfficial(db, { username: 'clerk', displayName: 'Clerk', agency: 'mps', password: 'clerk-demo-password', roles: ['shield-clerk'] });
 */
export async function createOfficial(db: PlatformDb, input: CreateOfficialInput): Promise<Official> {
  // Hash before opening the transaction: argon2 takes tens of milliseconds and holds no lock.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    await requireAgency(trx, input.agency);
    await requireRoles(trx, input.roles);
    const row = await trx
      .insertInto('official')
      .values({
        id: randomUUID(),
        username: input.username,
        display_name: input.displayName,
        agency_code: input.agency,
        password_hash: passwordHash,
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
    if (input.roles.length > 0) {
      await trx
        .insertInto('official_role')
        .values(input.roles.map((role_name) => ({ official_id: row.id, role_name })))
        .execute();
    }
    return toOfficial(row, [...input.roles].sort());
  });
}

/** Officials, optionally of one agency, ordered by username. */
export async function listOfficials(db: PlatformDb, filter: { agency?: string } = {}): Promise<Official[]> {
  let query = db.selectFrom('official').select(officialColumns).orderBy('username');
  if (filter.agency) query = query.where('agency_code', '=', filter.agency);
  return withRoles(db, await query.execute());
}

/** Gives `username` the role `role`; assigning a role already held changes nothing. */
export async function assignRole(
  db: PlatformDb,
  input: { username: string; role: string },
): Promise<Official> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('official')
      .select(officialColumns)
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (!row) {
      throw new DomainError('NOT_FOUND', `no official named ${input.username}`, { field: 'username' });
    }
    await requireRoles(trx, [input.role], 'role');
    await trx
      .insertInto('official_role')
      .values({ official_id: row.id, role_name: input.role })
      .onConflict((oc) => oc.columns(['official_id', 'role_name']).doNothing())
      .execute();
    const [official] = await withRoles(trx, [row]);
    return official!;
  });
}

async function withRoles(db: PlatformDb, rows: ListedRow[]): Promise<Official[]> {
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
  return rows.map((row) =>
    toOfficial(
      row,
      links.filter((l) => l.official_id === row.id).map((l) => l.role_name),
    ),
  );
}

function toOfficial(row: ListedRow, roles: string[]): Official {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    agency: row.agency_code,
    roles,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
  };
}
