import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import { type AppManifest, workspaceApps } from '@egov/kernel/manifest';
import type { Insertable } from 'kysely';
import type { AgencySystemTable, InformationResourceTable } from './catalog/catalog.table.ts';
import type { PlatformDatabase } from './database.ts';
import type { AgencyTable } from './officials/official.table.ts';
import { hashPassword } from './officials/password.ts';

/**
 * What the platform seeds for each app, from its manifest: the operating
 * agency (a ministry's home network is the internal government network, S1.1;
 * its public-facing apps run outside), the app's roles, and which agency
 * operates which system (the catalog's owners and consumers). The three
 * administrator roles come with the schema (migration `separate_administrators`).
 */
function fromManifests(manifests: readonly AppManifest[]) {
  const agencies = new Map<string, AgencyTable>();
  for (const m of manifests)
    agencies.set(m.agency.code, { code: m.agency.code, name: m.agency.name, zone: 'internal' });
  return {
    agencies: [...agencies.values()],
    roles: manifests.flatMap((m) =>
      Object.entries(m.roles ?? {}).map(([name, role]) => ({
        name,
        description: role.description,
        permissions: [...role.permissions],
      })),
    ),
    systems: manifests.map(
      (m): Omit<AgencySystemTable, 'declared_at'> => ({ app: m.name, agency_code: m.agency.code }),
    ),
  };
}

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
    id: 'GF-APR-0001',
    title: '预算指标 appropriations by budget unit',
    owner_agency: 'mof',
    owner_app: 'golden-finance',
    summary:
      "A budget unit's appropriations of a fiscal year by economic class: allocated, committed, executed and remaining, in fen.",
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['appropriations.list'],
    keywords: ['预算指标', '预算执行', 'appropriations', 'budget'],
    divisions: [],
  },
  {
    id: 'GF-PAY-0001',
    title: '用款申请与支付 payments against appropriations',
    owner_agency: 'mof',
    owner_app: 'golden-finance',
    summary:
      "A budget unit's payment requests of a fiscal year: appropriation, amount, status and dates; payee accounts masked.",
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['payments.list'],
    keywords: ['用款申请', '国库集中支付', 'payments'],
    divisions: [],
  },
  {
    id: 'GF-LED-0001',
    title: '总预算会计试算平衡表 ledger trial balance',
    owner_agency: 'mof',
    owner_app: 'golden-finance',
    summary:
      'The trial balance of the double-entry ledger as of a date: every account with its debits, credits and balance, and the totals.',
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['ledger.trialBalance'],
    keywords: ['总账', '试算平衡', 'ledger', 'trial balance'],
    divisions: [],
  },
  {
    id: 'GT-INP-0001',
    title: '进项税额抵扣 deductible input VAT',
    owner_agency: 'sat',
    owner_app: 'golden-tax',
    summary:
      "A taxpayer's deductible input VAT of a period: claimed invoices and customs import-VAT certificates, with the certificate number and amount.",
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['inputs.list'],
    keywords: ['进项税额', '抵扣', 'input VAT', 'deduction'],
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
  {
    id: 'GQ-ENT-0001',
    title: '法人单位基础信息 legal-entity lookup',
    owner_agency: 'samr',
    owner_app: 'golden-quality',
    summary:
      'Whether a unified social credit code (GB 32100) is registered in the legal-entity base, with the name, entity type, division and status; never the legal representative.',
    sharing: 'conditional',
    update_cycle: 'realtime',
    format: 'api',
    procedures: ['entities.lookup'],
    keywords: ['法人', '统一社会信用代码', 'legal entity', 'credit code'],
    divisions: [],
  },
  // The monthly publications macroeconomics reads under grants (flow 7, the macroeconomic base database).
  {
    id: 'GC-TRD-0001',
    title: '海关进口月度统计 monthly import totals',
    owner_agency: 'customs',
    owner_app: 'golden-customs',
    summary:
      'Customs value of the import declarations released in each month (China time), nationwide, in fen.',
    sharing: 'conditional',
    update_cycle: 'monthly',
    format: 'api',
    procedures: ['statistics.monthlyTrade'],
    keywords: ['海关统计', '进口', 'imports', 'monthly'],
    divisions: [],
  },
  {
    id: 'GT-REV-0001',
    title: '税收收入月度统计 monthly tax revenue',
    owner_agency: 'sat',
    owner_app: 'golden-tax',
    summary: 'Tax paid in each month by tax (domestic VAT), nationwide, in fen.',
    sharing: 'conditional',
    update_cycle: 'monthly',
    format: 'api',
    procedures: ['statistics.monthlyRevenue'],
    keywords: ['税收收入', '月度统计', 'tax revenue', 'monthly'],
    divisions: [],
  },
  {
    id: 'GF-REC-0001',
    title: '国库收入月度统计 monthly receipts by revenue source',
    owner_agency: 'mof',
    owner_app: 'golden-finance',
    summary:
      'Receipts in each month by revenue source (duty, import VAT, consumption tax, domestic VAT, non-tax) and their total, in fen.',
    sharing: 'conditional',
    update_cycle: 'monthly',
    format: 'api',
    procedures: ['statistics.monthlyReceipts'],
    keywords: ['国库收入', '月度统计', 'receipts', 'monthly'],
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
  account('audit-director', 'Audit Director', 'cnao', 'audit-director'),
  account('auditor', 'Auditor', 'cnao', 'auditor'),
  account('cnao-liaison', 'CNAO Data Liaison', 'cnao', 'exchange-requester'),
  account('mof-steward', 'MOF Catalog Steward', 'mof', 'catalog-steward'),
  account('quality-officer', 'Market Regulation Officer', 'samr', 'quality-officer'),
  account('samr-liaison', 'SAMR Data Liaison', 'samr', 'exchange-requester'),
  account('insurance-officer', 'Social Insurance Officer', 'mohrss', 'insurance-officer'),
  account('aml-analyst', 'AML Analyst', 'pbc', 'aml-analyst'),
  account('pbc-liaison', 'PBC Data Liaison', 'pbc', 'exchange-requester'),
  account('customs-steward', 'Customs Catalog Steward', 'customs', 'catalog-steward'),
  account('sat-steward', 'SAT Catalog Steward', 'sat', 'catalog-steward'),
  account('ndrc-liaison', 'NDRC Data Liaison', 'ndrc', 'exchange-requester'),
  account('ndrc-statistician', 'NDRC Statistician', 'ndrc', 'macro-statistician'),
] as const;

/**
 * Object-level scopes of demo accounts: the unit accountant keeps the books of
 * one budget unit of golden-finance's demo data (北京市教育委员会, 201001) and
 * may touch no other unit's appropriations.
 */
export const demoScopes: Record<string, Record<string, string[]>> = {
  'unit-accountant': { 'budget-unit': ['201001'] },
  // The producing team of the macroeconomic database reads figures before their release.
  'ndrc-statistician': { embargo: ['*'] },
};

/**
 * The apps' agencies, roles and systems, read from their manifests (by default
 * every app of the workspace; the launcher passes the ones it found), then the
 * demo officials and catalog resources of those agencies and apps.
 * Idempotent: every insert does nothing on conflict, and passwords are hashed
 * only for accounts still missing, so a second run writes nothing and leaves
 * edited roles alone.
 *
 * @example
 * await seedPlatform(database, log);
 * await seedPlatform(database, log, apps.map((a) => a.manifest));
 */
export async function seedPlatform(
  database: AppDatabase<PlatformDatabase>,
  log: Logger,
  manifests?: readonly AppManifest[],
): Promise<void> {
  const { db } = database;
  const { agencies, roles, systems } = fromManifests(
    manifests ?? (await workspaceApps()).map((a) => a.manifest),
  );
  const apps = new Set(systems.map((s) => s.app));
  const known = new Set(agencies.map((a) => a.code));
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
  if (roles.length > 0)
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
  const resources = demoResources.filter((r) => apps.has(r.owner_app));
  if (resources.length > 0)
    written.resources = count(
      await db
        .insertInto('information_resource')
        .values(resources.map((r) => ({ ...r, created_by: 'seed', updated_by: 'seed' })))
        .onConflict((oc) => oc.doNothing())
        .execute(),
    );

  const present = new Set(
    (await db.selectFrom('official').select('username').execute()).map((r) => r.username),
  );
  // Demo officials of agencies that run no app here (a workspace without them) are left out.
  for (const account of demoAccounts.filter((a) => !present.has(a.username) && known.has(a.agency))) {
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
