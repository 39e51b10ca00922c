import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldenFinanceRouter } from '@egov/golden-finance/router';
import type { MacroeconomicsRouter } from '@egov/macroeconomics/router';
import type { PlatformRouter } from '@egov/platform/router';
import { issueCreditCode } from '@egov/standards';
import { createTRPCClient, httpLink } from '@trpc/client';
import { asOfficial, login } from './officials.ts';

export interface MacroUrls {
  platform: string;
  macroeconomics: string;
  'golden-finance': string;
}

export interface MacroResult {
  /** The month run end to end, `YYYY-MM`. */
  month: string;
  grants: Record<string, string>;
  /** The treasury total of the month: first release, then the revision a late receipt made. */
  total: { first: string; revised: string; revisions: number };
  /** Derived figures of the treasury total for the month, after the revision. */
  derived: Record<string, string>;
  /** What the public saw before and after the release time. */
  publicBefore: number;
  publicAfter: number;
  charts: string[];
}

const RESOURCES = {
  'GC-TRD-0001': { steward: 'customs-steward', procedures: ['statistics.monthlyTrade'] },
  'GT-REV-0001': { steward: 'sat-steward', procedures: ['statistics.monthlyRevenue'] },
  'GF-REC-0001': { steward: 'mof-steward', procedures: ['statistics.monthlyReceipts'] },
} as const;
type ResourceId = keyof typeof RESOURCES;

/** `YYYY-MM` of the month `back` months before the one containing `at` (China time). */
function monthBefore(at: Date, back: number): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 7);
}

/** Noon China time on the `day` of `month`. */
const noonOf = (month: string, day: number) =>
  new Date(`${month}-${String(day).padStart(2, '0')}T04:00:00Z`).toISOString();

/**
 * Flow 7 of DOMAIN.md, one month end to end (the month before the current one, so it has ended):
 * the NDRC's liaison asks customs, tax and finance for their monthly publications in the catalog, their
 * stewards grant, the statistician registers the grants; the treasury receives revenue in that month and
 * in the months it is compared with; macroeconomics pulls the three publications through the exchange,
 * computes the derived figures, announces the release and the public sees the figures at that time; a
 * late receipt then makes a revision. The charts are written to `chartsDir`.
 */
export async function macroData(
  urls: MacroUrls,
  say: (line: string) => void,
  options: { chartsDir: string; releaseDelayMs?: number; now?: Date },
): Promise<MacroResult> {
  const now = options.now ?? new Date();
  const month = monthBefore(now, 1);
  const compared = [monthBefore(now, 13), monthBefore(now, 2), month];
  const liaison = await login(urls.platform, 'ndrc-liaison');
  const statistician = await login(urls.platform, 'ndrc-statistician');
  const treasurer = await login(urls.platform, 'treasurer');
  const platformAs = (token: string) => asOfficial<PlatformRouter>(urls.platform, token);
  const macro = asOfficial<MacroeconomicsRouter>(urls.macroeconomics, statistician);
  const finance = asOfficial<GoldenFinanceRouter>(urls['golden-finance'], treasurer);

  // 1. Grants: asked for by the consumer agency, decided by each owner agency's steward.
  const grants: Record<string, string> = {};
  const held = await platformAs(liaison).catalog.grants.query({ active: true });
  for (const [resourceId, { steward, procedures }] of Object.entries(RESOURCES) as [
    ResourceId,
    (typeof RESOURCES)[ResourceId],
  ][]) {
    const existing = held.find((g) => g.resourceId === resourceId && g.consumerApp === 'macroeconomics');
    if (existing) {
      grants[resourceId] = existing.id;
      say(`ndrc: grant ${existing.id} on ${resourceId} held already`);
    } else {
      const request = await platformAs(liaison).catalog.requestAccess.mutate({
        resourceId,
        consumerApp: 'macroeconomics',
        procedures: [...procedures],
        purpose: 'macroeconomic base database: monthly totals for indicators and their derived figures',
        until: new Date(now.getTime() + 300 * 86_400_000).toISOString(),
      });
      say(`ndrc-liaison -> platform catalog.requestAccess ${resourceId} for macroeconomics`);
      const decided = await platformAs(await login(urls.platform, steward)).catalog.decide.mutate({
        requestId: request.id,
        decision: 'grant',
        reason: 'statistical use by the NDRC, aggregates only',
      });
      grants[resourceId] = decided.grant!.id;
      say(`${steward} -> platform catalog.decide: grant ${decided.grant!.id}`);
    }
    await macro.sources.subscribe.mutate({ resourceId, grantId: grants[resourceId]! });
    say(`ndrc-statistician -> macroeconomics sources.subscribe ${resourceId}`);
  }

  // 2. Revenue in the months compared: last year's month, the month before, the month itself.
  const payer = issueCreditCode({
    division: '110105',
    organisationBody: `M${String(now.getTime()).slice(-7)}`,
  });
  const amounts: Record<string, number[]> = {
    'customs-duty': [800_000_00, 900_000_00, 950_000_00],
    'import-vat': [1_300_000_00, 1_400_000_00, 1_500_000_00],
    'domestic-vat': [4_000_000_00, 4_100_000_00, 4_400_000_00],
    'non-tax': [200_000_00, 210_000_00, 230_000_00],
  };
  let n = 0;
  for (const [source, values] of Object.entries(amounts))
    for (const [i, amountFen] of values.entries()) {
      n += 1;
      await finance.treasury.receive.mutate({
        source: source as 'customs-duty',
        sourceReference: `MACRO-DEMO-${now.getTime()}-${n}`,
        payer,
        amountFen,
        receivedAt: noonOf(compared[i]!, 10),
      });
    }
  say(`treasurer -> golden-finance treasury.receive: ${n} receipts in ${compared.join(', ')}`);

  // 3. Pull each publication of each month through the exchange.
  for (const period of compared)
    for (const resourceId of Object.keys(RESOURCES) as ResourceId[]) {
      const pulled = await macro.sources.pull.mutate({ resourceId, period });
      say(
        `ndrc-statistician -> macroeconomics sources.pull ${resourceId} ${period}: dataset ${pulled.datasetId}, ${pulled.first} first, ${pulled.revised} revised, ${pulled.derived} derived`,
      );
    }

  // 4. The release: announced beforehand; embargoed until its time, then public at once.
  const indicators = await macro.indicators.list.query();
  const calendar = await macro.releases.calendar.query({});
  const releaseAt = new Date(Date.now() + (options.releaseDelayMs ?? 3_000)).toISOString();
  for (const i of indicators)
    if (!calendar.some((r) => r.indicator === i.code && r.period === month))
      await macro.releases.announce.mutate({ indicator: i.code, period: month, releaseAt });
  say(
    `ndrc-statistician -> macroeconomics releases.announce ${indicators.length} indicators for ${month} at ${releaseAt}`,
  );
  const anonymous = createTRPCClient<MacroeconomicsRouter>({
    links: [httpLink({ url: `${urls.macroeconomics}/trpc` })],
  });
  const key = { indicator: 'FIN-REC-TOTAL', region: '100000' };
  const before = (await anonymous.figures.published.query(key)).filter((p) => p.period === month).length;
  say(
    `public -> macroeconomics figures.published FIN-REC-TOTAL before the release: ${before} figures for ${month}`,
  );
  await new Promise((r) => setTimeout(r, Math.max(0, new Date(releaseAt).getTime() - Date.now()) + 300));
  const published = (await anonymous.figures.published.query(key)).find((p) => p.period === month);
  say(
    `public -> macroeconomics figures.published after: ${month} ${published?.value ?? 'none'} 元, ${JSON.stringify(published?.derived ?? {})}`,
  );

  // 5. A late receipt for the month: the treasury's figure changes, the pull keeps a revision.
  n += 1;
  await finance.treasury.receive.mutate({
    source: 'non-tax',
    sourceReference: `MACRO-DEMO-${now.getTime()}-${n}`,
    payer,
    amountFen: 12_345_67,
    receivedAt: noonOf(month, 28),
  });
  const late = await macro.sources.pull.mutate({ resourceId: 'GF-REC-0001', period: month });
  say(`treasurer -> golden-finance treasury.receive (late, ${month}); pull again: ${late.revised} revised`);
  const trace = await macro.figures.trace.query({ ...key, period: month });
  for (const r of trace.revisions)
    say(
      `  FIN-REC-TOTAL ${month} revision ${r.revision}: ${r.value} 元 from ${r.source?.resourceId} dataset ${r.source?.datasetId}, grant ${r.source?.grantId}, request ${r.source?.requestId}`,
    );
  for (const d of trace.derived)
    say(
      `  ${d.measure} = ${d.value} from observations ${d.inputs.map((i) => `${i.periodStart}:${i.value}`).join(', ')}`,
    );

  // 6. The charts, as the app serves them.
  mkdirSync(options.chartsDir, { recursive: true });
  const charts: string[] = [];
  for (const i of indicators) {
    const res = await fetch(`${urls.macroeconomics}/charts/${i.code}.svg`);
    if (!res.ok) throw new Error(`chart ${i.code}: HTTP ${res.status}`);
    const file = join(options.chartsDir, `${i.code}.svg`);
    writeFileSync(file, await res.text());
    charts.push(file);
  }
  say(`charts: ${charts.length} SVG files in ${options.chartsDir}`);

  const first = trace.revisions[0]!;
  const last = trace.revisions.at(-1)!;
  return {
    month,
    grants,
    total: { first: first.value, revised: last.value, revisions: trace.revisions.length },
    derived: Object.fromEntries(trace.derived.map((d) => [d.measure, d.value])),
    publicBefore: before,
    publicAfter: published ? 1 : 0,
    charts,
  };
}
