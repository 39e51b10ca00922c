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

/** Ordinary roles; the three administrator roles come with the schema (migration `separate_administrators`). */
const roles = [
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
  {
    name: 'customs-officer',
    description: 'declarations, inspections and release at Golden Customs',
    permissions: ['golden-customs.*'],
  },
  {
    name: 'tax-officer',
    description: 'taxpayers, e-invoices and VAT returns at Golden Tax',
    permissions: ['golden-tax.*'],
  },
  {
    name: 'treasury-officer',
    description: 'treasury receipts, suspense, the ledger and reconciliation at Golden Finance',
    permissions: ['golden-finance.treasury.*', 'golden-finance.ledger.read', 'golden-finance.reconciliation.run'],
  },
];

const account = (username: string, displayName: string, agency: string, role: string) =>
  ({ username, password: `${username}-demo-password`, displayName, agency, roles: [role] }) as const;

/**
 * Demo logins, printed by the launcher and the README. Demo data only: never
 * seed these in production. The three administrators (one role each, as the
 * database insists) must enrol a TOTP factor at their first login.
 */
export const demoAccounts = [
  account('sysadmin', 'System Administrator', 'platform', 'system-admin'),
  account('secadmin', 'Security Administrator', 'platform', 'security-admin'),
  account('auditadmin', 'Audit Administrator', 'platform', 'audit-admin'),
  account('registrar', 'Household Registrar', 'mps', 'shield-registrar'),
  account('clerk', 'Records Clerk', 'mps', 'shield-clerk'),
  account('verifier', 'Identity Verifier', 'sat', 'identity-verifier'),
  account('customs-officer', 'Customs Officer', 'customs', 'customs-officer'),
  account('tax-officer', 'Tax Officer', 'sat', 'tax-officer'),
  account('treasurer', 'Treasury Officer', 'mof', 'treasury-officer'),
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
  for (const a of demoAccounts) {
    const id = ids.find((r) => r.username === a.username)?.id;
    if (!id) continue;
    // The role's admin_kind travels with the assignment (the database checks it against the role).
    const linked = await db
      .insertInto('official_role')
      .columns(['official_id', 'role_name', 'admin_kind'])
      .expression((eb) =>
        eb
          .selectFrom('role')
          .select([eb.val(id).as('official_id'), 'name', 'admin_kind'])
          .where('name', 'in', a.roles),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    written.roleAssignments += count(linked);
  }
  log.info(written, 'platform demo data seeded');
}
