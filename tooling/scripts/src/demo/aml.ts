import { join } from 'node:path';
import type { FinancialSupervisionRouter } from '@egov/financial-supervision/router';
import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import type { PlatformRouter } from '@egov/platform/router';
import { chinaDate, issueCreditCode } from '@egov/standards';
import { asOfficial, login, loginWithTotp } from './officials.ts';

export interface AmlUrls {
  platform: string;
  'financial-supervision': string;
  'golden-shield': string;
  'golden-tax': string;
}

export interface AmlResult {
  largeValueReports: number;
  reportId: number;
  identityResult: string | null;
  caseNo: string | null;
  taxFindings: Record<string, unknown> | null;
  grantId: string;
  auditRecords: Record<
    string,
    { procedure: string; actor: string; kind: string; objectIds: string[] }[]
  > | null;
}

/** The demo bank of financial-supervision's seed, and golden-shield's demo resident. */
const DEMO_BANK = '91110000MA00000152';
const SUBJECT = { residentId: '110101198503120017', name: '张伟' };
const RESOURCE = 'GS-POP-0001';

/**
 * Flow 6 of DOMAIN.md (anti-money-laundering): the People's Bank's liaison
 * holds a catalog grant for golden-shield's identity verification (asked for
 * and granted by the Ministry of Public Security's steward when missing); a
 * bank's transaction file produces a large-value report; a suspicious report
 * on the same person, naming the company they run, is referred: golden-shield
 * checks the identity (purpose stated) and opens a case, golden-tax checks
 * the company's invoices over the period and attaches its totals to the case.
 * Each hop is told to `say`, then each app's audit records.
 */
export async function antiMoneyLaundering(
  urls: AmlUrls,
  say: (line: string) => void,
  options: { dataDir: string },
): Promise<AmlResult> {
  const liaison = asOfficial<PlatformRouter>(urls.platform, await login(urls.platform, 'pbc-liaison'));
  const steward = asOfficial<PlatformRouter>(urls.platform, await login(urls.platform, 'mps-steward'));
  const analyst = asOfficial<FinancialSupervisionRouter>(
    urls['financial-supervision'],
    await login(urls.platform, 'aml-analyst'),
  );
  const tax = asOfficial<GoldenTaxRouter>(urls['golden-tax'], await login(urls.platform, 'tax-officer'));

  // 0. The exchange: financial-supervision may verify identities only under the ministry's grant.
  let grant = (await liaison.catalog.grants.query({ resourceId: RESOURCE, active: true })).find(
    (g) => g.consumerApp === 'financial-supervision' && g.procedures.includes('identity.verify'),
  );
  if (grant)
    say(
      `pbc-liaison -> platform catalog.grants: financial-supervision holds grant ${grant.id} for ${RESOURCE}`,
    );
  else {
    const asked = await liaison.catalog.requestAccess.mutate({
      resourceId: RESOURCE,
      consumerApp: 'financial-supervision',
      procedures: ['identity.verify'],
      purpose: 'anti-money-laundering: verify the subjects of suspicious transaction reports',
      until: new Date(Date.now() + 365 * 24 * 3600_000).toISOString(),
    });
    say(
      `pbc-liaison -> platform catalog.requestAccess ${RESOURCE} for financial-supervision: request ${asked.id}`,
    );
    const decided = await steward.catalog.decide.mutate({
      requestId: asked.id,
      decision: 'grant',
      reason: 'lawful purpose: Anti-Money Laundering Law',
    });
    grant = decided.grant!;
    say(`mps-steward -> platform catalog.decide: granted, grant ${grant.id}`);
  }

  // 1. A company the subject runs, with invoices at golden-tax.
  const today = chinaDate(new Date());
  const periodFrom = `${today.slice(0, 8)}01`;
  const company = issueCreditCode({
    division: '110105',
    organisationBody: `F${String(Date.now()).slice(-7)}`,
  });
  await tax.taxpayers.register.mutate({
    creditCode: company,
    name: '北京示范贸易有限公司',
    kind: 'general',
    division: '110105',
  });
  say(`tax-officer -> golden-tax taxpayers.register ${company}`);
  for (const [i, price] of [9_800_000, 9_900_000, 9_700_000].entries()) {
    const invoice = await tax.invoices.issue.mutate({
      sellerCreditCode: company,
      buyer: { name: `个人买家${i + 1}` },
      lines: [
        {
          description: 'consulting',
          category: 'modern-services',
          quantity: '1',
          unitPriceFen: price,
          rate: '0.06',
        },
      ],
      issuedOn: today,
    } as never);
    say(
      `tax-officer -> golden-tax invoices.issue ${invoice.number}: ${(invoice.totalFen / 100).toFixed(2)} yuan`,
    );
  }

  // 2. The bank's transaction file: cash paid in four times in a day, just under 50,000 yuan each.
  const header =
    'txn_id,customer_type,customer_id,customer_name,kind,direction,cross_border,currency,amount_minor,booked_on';
  const stamp = Date.now().toString(36);
  const rows = [4_900_000, 4_950_000, 4_800_000, 4_990_000].map(
    (fen, i) =>
      `D${stamp}-${i},individual,${SUBJECT.residentId},${SUBJECT.name},cash,in,false,CNY,${fen},${today}`,
  );
  rows.push(`D${stamp}-x,individual,${SUBJECT.residentId},${SUBJECT.name},cash,in,false,EUR,100000,${today}`);
  const batch = await analyst.transactions.submit.mutate({
    institution: DEMO_BANK,
    format: 'csv',
    content: [header, ...rows].join('\n'),
  });
  say(
    `aml-analyst -> financial-supervision transactions.submit (${DEMO_BANK}): ${batch.rowsAccepted} kept, ${batch.rowsRefused} refused, ${batch.largeValueReports} large-value report(s)`,
  );
  for (const e of batch.errors) say(`  line ${e.line} ${e.field}: ${e.rule} (${e.message})`);
  const lv = (
    await analyst.transactions.largeValue.query({ institution: DEMO_BANK, bookedOn: today, limit: 10 })
  ).find((r) => r.customerName === SUBJECT.name && r.category === 'cash');
  if (lv)
    say(
      `  large-value report ${lv.id}: cash in ${(Number(lv.totalMinor) / 100).toFixed(2)} CNY on ${lv.bookedOn}, due ${lv.dueOn}${lv.overdue ? ' (overdue)' : ''}`,
    );

  // 3. The suspicious report, and its referral.
  const filed = await analyst.suspicious.file.mutate({
    institution: DEMO_BANK,
    subject: SUBJECT,
    relatedCompany: company,
    periodFrom,
    periodTo: today,
    currency: 'CNY',
    amountMinor: 19_640_000,
    grounds:
      'cash deposits split just under the large-value threshold, moved on to the account of a company the customer runs',
  });
  say(
    `aml-analyst -> financial-supervision suspicious.file: report ${filed.id}, subject ${filed.subjectResidentId}`,
  );
  const referred = await analyst.suspicious.refer.mutate({ id: filed.id });
  say('aml-analyst -> financial-supervision suspicious.refer (a durable step):');
  say(`  financial-supervision -> platform catalog.grantToken ${grant.id}`);
  say(
    `  financial-supervision -> golden-shield identity.verify (grant ${RESOURCE}, purpose stated): ${referred.identityResult}`,
  );
  say(`  financial-supervision -> golden-shield cases.open: ${referred.caseNo}`);
  say(`  financial-supervision -> golden-tax aml.checkInvoices ${company}`);
  say(`    golden-tax -> golden-shield cases.attach: ${String(referred.taxFindings?.summary ?? 'nothing')}`);

  const auditRecords = await auditTrail(urls, options.dataDir, say);
  return {
    largeValueReports: batch.largeValueReports,
    reportId: filed.id,
    identityResult: referred.identityResult,
    caseNo: referred.caseNo,
    taxFindings: referred.taxFindings,
    grantId: grant.id,
    auditRecords,
  };
}

/** The flow in each app's audit log, read by the audit administrator (TOTP second factor). */
async function auditTrail(urls: AmlUrls, dataDir: string, say: (line: string) => void) {
  const token = await loginWithTotp(urls.platform, 'auditadmin', join(dataDir, 'demo', 'auditadmin.totp'));
  if (!token) {
    say('audit: auditadmin already has a second factor this demo does not know; audit records not shown');
    return null;
  }
  const trail: NonNullable<AmlResult['auditRecords']> = {};
  for (const app of ['financial-supervision', 'golden-shield', 'golden-tax'] as const) {
    const auditApi = asOfficial<GoldenShieldRouter>(urls[app], token).audit as any;
    const records = (await auditApi.records.query({ limit: 1000 })) as {
      procedure: string;
      actor: string;
      kind: string;
      objectIds: string[];
    }[];
    trail[app] = records.slice(-6);
    say(`audit at ${app}: ${records.length} records; the latest:`);
    for (const r of trail[app]!)
      say(
        `  ${r.kind.padEnd(9)} ${r.procedure.padEnd(26)} by ${r.actor}  ${r.objectIds.slice(0, 3).join(' ')}`,
      );
  }
  return trail;
}
