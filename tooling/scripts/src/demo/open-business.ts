import type { GoldenQualityRouter } from '@egov/golden-quality/router';
import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import type { PlatformRouter } from '@egov/platform/router';
import type { SocialSecurityRouter } from '@egov/social-security/router';
import { asOfficial, login } from './officials.ts';

export interface OpenBusinessUrls {
  platform: string;
  'golden-shield': string;
  'golden-quality': string;
  'golden-tax': string;
  'social-security': string;
}

export interface OpenBusinessResult {
  reference: string;
  creditCode: string;
  /** Whether the retried application came back as the first one (same code, nothing created). */
  retryReturnedFirst: boolean;
  status: 'in_progress' | 'complete';
  steps: { step: string; agency: string; doneAt: string | null }[];
  taxpayer: { creditCode: string; kind: string; name: string } | null;
  employer: { creditCode: string; name: string } | null;
}

const GRANT_PURPOSE =
  'legal-entity registration at golden-quality: check that the legal representative’s name and resident ID match';

/**
 * golden-quality's grant for golden-shield's identity check (GS-POP-0001): the
 * SAMR liaison asks through the catalog, the MPS steward grants; an active grant
 * from an earlier run is used as it is.
 */
async function grantIdentityCheck(urls: OpenBusinessUrls, say: (line: string) => void) {
  const liaison = asOfficial<PlatformRouter>(urls.platform, await login(urls.platform, 'samr-liaison'));
  const active = (await liaison.catalog.grants.query({ resourceId: 'GS-POP-0001', active: true })).find(
    (g) => g.consumerApp === 'golden-quality' && g.procedures.includes('identity.verify'),
  );
  if (active)
    return say(`platform: golden-quality holds grant ${active.id} for GS-POP-0001 (identity.verify)`);
  const request = await liaison.catalog.requestAccess.mutate({
    resourceId: 'GS-POP-0001',
    consumerApp: 'golden-quality',
    procedures: ['identity.verify'],
    purpose: GRANT_PURPOSE,
    until: new Date(Date.now() + 300 * 24 * 3600_000).toISOString(),
  });
  say(`samr-liaison -> platform catalog.requestAccess GS-POP-0001 for golden-quality: ${request.status}`);
  const steward = asOfficial<PlatformRouter>(urls.platform, await login(urls.platform, 'mps-steward'));
  const decided = await steward.catalog.decide.mutate({
    requestId: request.id,
    decision: 'grant',
    reason: 'lawful purpose: registration of legal entities (法人登记)',
  });
  say(`mps-steward -> platform catalog.decide: grant ${decided.grant?.id}`);
}

async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Flow 2 of DOMAIN.md, opening a business: an application at golden-quality
 * (the portal will send it) registers the legal entity after golden-shield
 * confirms its legal representative, and issues its credit code;
 * `golden-quality.entity.registered.v1` fans out through the outbox to
 * golden-tax (taxpayer registration) and social-security (employer account),
 * whose confirmations come back as events onto the application's steps. A
 * retry of the same application answers with the first. Each hop is told to `say`.
 */
export async function openBusiness(
  urls: OpenBusinessUrls,
  say: (line: string) => void,
  options: { name?: string; taxpayerKind?: 'general' | 'small-scale' } = {},
): Promise<OpenBusinessResult> {
  await grantIdentityCheck(urls, say);

  const registrar = asOfficial<GoldenShieldRouter>(
    urls['golden-shield'],
    await login(urls.platform, 'registrar'),
  );
  const founder = await registrar.births.register.mutate({
    name: '周敏',
    sex: 'female',
    birthDate: '1986-04-12',
    divisionCode: '110105',
  });
  say(
    `registrar -> golden-shield births.register 周敏: resident ID ${founder.residentId} (the founder, for this demo)`,
  );

  const officer = asOfficial<GoldenQualityRouter>(
    urls['golden-quality'],
    await login(urls.platform, 'quality-officer'),
  );
  const stamp = Date.now().toString(36).toUpperCase();
  const input = {
    reference: `KB-${stamp}`,
    taxpayerKind: options.taxpayerKind ?? ('small-scale' as const),
    entity: {
      authority: '9' as const,
      entityType: '1',
      name: `${options.name ?? '北京朝阳周氏文化传播有限公司'} ${stamp}`,
      division: '110105',
      address: '北京市朝阳区光华路 9 号',
      legalRepresentative: { name: '周敏', residentId: founder.residentId },
      registeredCapitalFen: 50_000_000,
      businessScope: '组织文化艺术交流活动；广告设计、代理',
    },
  };
  const submitted = await officer.applications.submit.mutate(input);
  const code = submitted.entity.creditCode;
  say(`quality-officer -> golden-quality applications.submit ${input.reference}`);
  say('  golden-quality -> platform catalog.grants, catalog.grantToken (GS-POP-0001)');
  say(
    '  golden-quality -> golden-shield identity.verify (legal representative, purpose stated, under the grant): match',
  );
  say(
    `  credit code ${code}: authority ${code[0]}, type ${code[1]} (${submitted.entity.entityTypeName}), division ${code.slice(2, 8)}, organisation code ${code.slice(8, 17)}, check ${code[17]}`,
  );
  say(
    '  golden-quality => golden-quality.entity.registered.v1 (outbox) => golden-tax, social-security inboxes',
  );

  const again = await officer.applications.submit.mutate(input);
  const retryReturnedFirst = !again.created && again.entity.creditCode === code;
  say(
    `quality-officer -> golden-quality applications.submit ${input.reference} again: ${retryReturnedFirst ? 'the first application, no second entity' : 'A DIFFERENT ANSWER'}`,
  );

  const shown = new Set<string>();
  const final = await eventually(
    async () => {
      const a = await officer.applications.get.query({ reference: input.reference });
      for (const s of a.steps)
        if (s.doneAt && !shown.has(s.step)) {
          shown.add(s.step);
          say(`  step ${s.step} at ${s.agency}: done ${s.doneAt}`);
        }
      return a;
    },
    (a) => a.status === 'complete',
  );
  say(`quality-officer -> golden-quality applications.get ${input.reference}: ${final.status}`);

  const tax = asOfficial<GoldenTaxRouter>(urls['golden-tax'], await login(urls.platform, 'tax-officer'));
  const taxpayer = await tax.taxpayers.get.query({ creditCode: code }).catch(() => null);
  say(
    `tax-officer -> golden-tax taxpayers.get ${code}: ${taxpayer ? `${taxpayer.kind} taxpayer ${taxpayer.name}` : 'not registered'}`,
  );
  const ss = asOfficial<SocialSecurityRouter>(
    urls['social-security'],
    await login(urls.platform, 'insurance-officer'),
  );
  const employer = await ss.employers.get.query({ creditCode: code }).catch(() => null);
  say(
    `insurance-officer -> social-security employers.get ${code}: ${employer ? `employer ${employer.name}` : 'not registered'}`,
  );

  return {
    reference: input.reference,
    creditCode: code,
    retryReturnedFirst,
    status: final.status,
    steps: final.steps,
    taxpayer: taxpayer && { creditCode: taxpayer.creditCode, kind: taxpayer.kind, name: taxpayer.name },
    employer: employer && { creditCode: employer.creditCode, name: employer.name },
  };
}
