import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { PlatformDatabase } from './database.ts';
import type { AgencyTable } from './officials/official.table.ts';
import { hashPassword } from './officials/password.ts';

/** A ministry's home network is the internal government network (S1.1); its public-facing apps run outside. */
const agencies: AgencyTable[] = [
  { code: 'platform', name: 'national e-government office', zone: 'internal' },
  { code: 'mps', name: 'Ministry of Public Security', zone: 'internal' },
  { code: 'customs', name: 'General Administration of Customs', zone: 'internal' },
  { code: 'sat', name: 'State Taxation Administration', zone: 'internal' },
  { code: 'mof', name: 'Ministry of Finance', zone: 'internal' },
];

const roles = [
  { name: 'platform-admin', description: 'runs the platform', permissions: ['platform.*'] },
  {
    name: 'shield-registrar',
    description: 'registers births, moves and deaths; may reveal full resident IDs',
    permissions: [
      'golden-shield.birth.register',
      'golden-shield.household.move',
      'golden-shield.death.record',
      'golden-shield.resident.read',
      'golden-shield.resident.reveal',
    ],
  },
  {
    name: 'shield-clerk',
    description: 'reads residents, with IDs masked',
    permissions: ['golden-shield.resident.read'],
  },
  {
    name: 'identity-verifier',
    description: 'checks name and ID pairs',
    permissions: ['golden-shield.identity.verify'],
  },
];

/** Demo logins, printed by the launcher and the README. Demo data only: never seed these in production. */
export const demoAccounts = [
  {
    username: 'admin',
    password: 'admin-demo-password',
    displayName: 'Platform Administrator',
    agency: 'platform',
    roles: ['platform-admin'],
  },
  {
    username: 'registrar',
    password: 'registrar-demo-password',
    displayName: 'Household Registrar',
    agency: 'mps',
    roles: ['shield-registrar'],
  },
  {
    username: 'clerk',
    password: 'clerk-demo-password',
    displayName: 'Records Clerk',
    agency: 'mps',
    roles: ['shield-clerk'],
  },
  {
    username: 'verifier',
    password: 'verifier-demo-password',
    displayName: 'Identity Verifier',
    agency: 'sat',
    roles: ['identity-verifier'],
  },
] as const;

/**
 * Demo agencies, roles and officials. Idempotent: every insert does nothing
 * on conflict, and passwords are hashed only for accounts still missing, so
 * a second run writes nothing and leaves edited roles alone.
 *
 * @example
 * await seedPlatform(database, log);
 */
export async function seedPlatform(database: AppDatabase<PlatformDatabase>, log: Logger): Promise<void> {
  const { db } = database;
  const written = { agencies: 0, roles: 0, officials: 0, roleAssignments: 0 };
  const count = (r: { numInsertedOrUpdatedRows?: bigint }[]) =>
    r.reduce((n, x) => n + Number(x.numInsertedOrUpdatedRows ?? 0n), 0);

  written.agencies = count(
    await db
      .insertInto('agency')
      .values(agencies)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
  written.roles = count(
    await db
      .insertInto('role')
      .values(roles)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );

  const present = new Set(
    (await db.selectFrom('official').select('username').execute()).map((r) => r.username),
  );
  for (const account of demoAccounts.filter((a) => !present.has(a.username))) {
    const inserted = await db
      .insertInto('official')
      .values({
        id: randomUUID(),
        username: account.username,
        display_name: account.displayName,
        agency_code: account.agency,
        password_hash: await hashPassword(account.password),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    written.officials += count(inserted);
  }

  const ids = await db
    .selectFrom('official')
    .select(['id', 'username'])
    .where(
      'username',
      'in',
      demoAccounts.map((a) => a.username),
    )
    .execute();
  const links = demoAccounts.flatMap((a) => {
    const id = ids.find((r) => r.username === a.username)?.id;
    return id ? a.roles.map((role_name) => ({ official_id: id, role_name })) : [];
  });
  if (links.length > 0) {
    written.roleAssignments = count(
      await db
        .insertInto('official_role')
        .values(links)
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );
  }
  log.info(written, 'platform demo data seeded');
}
