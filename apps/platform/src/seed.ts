import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { Insertable } from 'kysely';
import type { AgencySystemTable, InformationResourceTable } from './catalog/catalog.table.ts';
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
    permissions: [
      'golden-finance.treasury.*',
      'golden-finance.ledger.read',
      'golden-finance.reconciliation.run',
    ],
  },
  {
    name: 'unit-accountant',
    description:
      "a budget unit's accountant: requests payments against the appropriations of the units in scope",
    permissions: [
      'golden-finance.payment.request',
      'golden-finance.payment.read',
      'golden-finance.appropriation.read',
      'golden-finance.budget-unit.read',
    ],
  },
  // The catalog and exchange are run by agency officials (allowed in ordinary roles since migration 20261128T0700).
  {
    name: 'catalog-steward',
    description: "registers the agency's information resources and decides other agencies' requests for them",
    permissions: ['platform.catalog.manage', 'platform.catalog.read', 'platform.exchange.decide'],
  },
  {
    name: 'exchange-requester',
    description:
      "searches the catalog and asks other agencies for access to their resources for the agency's systems",
    permissions: ['platform.catalog.read', 'platform.exchange.request'],
  },
];

/** Which agency operates which system (the catalog's owners and consumers). */
const systems: Omit<AgencySystemTable, 'declared_at'>[] = [
  { app: 'platform', agency_code: 'platform' },
  { app: 'golden-shield', agency_code: 'mps' },
  { app: 'golden-finance', agency_code: 'mof' },
  { app: 'golden-tax', agency_code: 'sat' },
  { app: 'golden-customs', agency_code: 'customs' },
];

type SeedResource = Omit<Insertable<InformationResourceTable>, 'created_by' | 'updated_by'>;

/** Demo catalog entries (GB/T 21063 metadata); the owner apps declare the same ids and classes on their procedures. */
export const demoResources: SeedResource[] = [
  {
    id: 'GS-POP-0001',
    title: '人口身份核验 population identity verification',
    owner_agency: 'mps',
    owner_app: 'golden-shield',
    summary:
      'Checks that a name and a resident ID (GB 11643) belong to one living registered resident; answers match or no match, never the record.',
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['identity.verify'],
    keywords: ['人口', '身份核验', 'identity', 'resident ID', 'population'],
    divisions: [],
  },
  {
    id: 'GS-RES-0001',
    title: '常住人口详细信息 resident details',
    owner_agency: 'mps',
    owner_app: 'golden-shield',
    summary:
      "A resident's full household registration record: name, ID, address, household, births, moves and death. Not shared with other agencies.",
    sharing: 'not-shared',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['residents.get'],
    keywords: ['人口', '户籍', 'residents', 'household registration'],
    divisions: [],
  },
  {
    id: 'GF-TRE-0001',
    title: '国库收入 treasury receipts',
    owner_agency: 'mof',
    owner_app: 'golden-finance',
    summary:
      'Receipts paid into the state treasury (duties, taxes, fees) with their source, payer, amount and matching status.',
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['treasury.getReceipt'],
    keywords: ['国库', '财政收入', 'treasury', 'receipts'],
    divisions: [],
  },
  {
    id: 'GT-INV-0001',
    title: '发票查验 e-invoice verification',
    owner_agency: 'sat',
    owner_app: 'golden-tax',
    summary:
      'Checks that a fully digital e-invoice (全电发票) with this number and total (价税合计) was issued and is not void.',
    sharing: 'unconditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['invoices.verify'],
    keywords: ['发票', '查验', 'invoice', 'VAT'],
    divisions: [],
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
  account('unit-accountant', 'Budget Unit Accountant', 'mof', 'unit-accountant'),
  account('mps-steward', 'MPS Catalog Steward', 'mps', 'catalog-steward'),
  account('sat-liaison', 'SAT Data Liaison', 'sat', 'exchange-requester'),
] as const;

/**
 * Object-level scopes of demo accounts: the unit accountant keeps the books of
 * one budget unit of golden-finance's demo data (北京市教育委员会, 201001) and
 * may touch no other unit's appropriations.
 */
export const demoScopes: Record<string, Record<string, string[]>> = {
  'unit-accountant': { 'budget-unit': ['201001'] },
};

/**
 * Demo agencies, roles, officials, and the catalog's systems and resources. Idempotent: every insert does nothing
 * on conflict, and passwords are hashed only for accounts still missing, so
 * a second run writes nothing and leaves edited roles alone.
 *
 * @example
 * await seedPlatform(database, log);
 */
export async function seedPlatform(database: AppDatabase<PlatformDatabase>, log: Logger): Promise<void> {
  const { db } = database;
  const written = {
    agencies: 0,
    roles: 0,
    officials: 0,
    roleAssignments: 0,
    scopes: 0,
    systems: 0,
    resources: 0,
  };
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

  written.systems = count(
    await db
      .insertInto('agency_system')
      .values(systems)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
  written.resources = count(
    await db
      .insertInto('information_resource')
      .values(demoResources.map((r) => ({ ...r, created_by: 'seed', updated_by: 'seed' })))
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
    for (const [kind, objectIds] of Object.entries(demoScopes[a.username] ?? {})) {
      for (const objectId of objectIds) {
        const scoped = await db
          .insertInto('official_scope')
          .values({
            official_id: id,
            kind,
            object_id: objectId,
            assigned_at: new Date(),
            assigned_by: 'seed',
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        written.scopes += count(scoped);
      }
    }
  }
  log.info(written, 'platform demo data seeded');
}
