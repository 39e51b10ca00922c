import { join } from 'node:path';
import { dataRoot } from '@egov/kernel/db';
import { type AmlUrls, antiMoneyLaundering } from '../demo/aml.ts';
import { type FlowUrls, importClearance } from '../demo/import-clearance.ts';
import { type OpenBusinessUrls, openBusiness } from '../demo/open-business.ts';
import { type MacroUrls, macroData } from '../demo/macro-data.ts';
import { type QualityEnforcementUrls, qualityEnforcement } from '../demo/quality-enforcement.ts';
import { DEFAULT_BASE_PORT, embeddedApps } from '../embedded/apps.ts';

const FLOWS = ['import-clearance', 'open-business', 'quality-enforcement', 'aml', 'macro-data'] as const;

/**
 * `egov demo <flow>`: runs a cross-agency flow against the platform started by
 * `pnpm start` (ports from EGOV_BASE_PORT), printing each hop: who called
 * whom, what was paid or registered, and which audit records were written.
 * `import-clearance` is flow 1, `open-business` flow 2, `quality-enforcement` flow 5, `aml` flow 6, `macro-data [--out DIR]` flow 7.
 */
export async function demo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flow = args[0];
  if (!FLOWS.includes(flow as (typeof FLOWS)[number])) throw new Error(`usage: egov demo ${FLOWS.join('|')}`);
  const base = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const urls = {
    platform: url(0),
    ...Object.fromEntries(embeddedApps.map((a) => [a.definition.name, url(a.portOffset)])),
  };
  const say = (line: string) => console.log(line);
  if (flow === 'open-business') {
    const result = await openBusiness(urls as unknown as OpenBusinessUrls, say);
    const ok = result.retryReturnedFirst && result.status === 'complete';
    console.log(
      ok ? 'opening a business: done' : 'opening a business: finished with differences (see above)',
    );
    return ok ? 0 : 1;
  }
  if (flow === 'quality-enforcement') {
    const r = await qualityEnforcement(urls as unknown as QualityEnforcementUrls, say);
    const ok =
      r.refusedWithoutCertificate === 'ccc_not_valid' &&
      r.releasedWithCertificate &&
      r.fine.paid &&
      r.published;
    console.log(
      ok ? 'quality enforcement: done' : 'quality enforcement: finished with differences (see above)',
    );
    return ok ? 0 : 1;
  }
  if (flow === 'aml') {
    const aml = await antiMoneyLaundering(urls as unknown as AmlUrls, say, { dataDir: dataRoot(env) });
    const done = aml.identityResult === 'match' && aml.caseNo !== null && aml.taxFindings !== null;
    console.log(
      done ? 'anti-money-laundering: done' : 'anti-money-laundering: finished with differences (see above)',
    );
    return done ? 0 : 1;
  }
  if (flow === 'macro-data') {
    const out = args.indexOf('--out');
    const chartsDir =
      out >= 0 && args[out + 1] ? args[out + 1]! : join(dataRoot(env), 'demo', 'macro-charts');
    const result = await macroData(urls as unknown as MacroUrls, say, { chartsDir });
    const ok = result.publicBefore === 0 && result.publicAfter === 1 && result.total.revisions >= 2;
    console.log(ok ? 'macro data: done' : 'macro data: finished with differences (see above)');
    return ok ? 0 : 1;
  }
  const result = await importClearance(urls as unknown as FlowUrls, say, { dataDir: dataRoot(env) });
  const ok = result.secondPayReturnedSameReceipts && result.inputVatFen === result.taxes.vatFen;
  console.log(ok ? 'import clearance: done' : 'import clearance: finished with differences (see above)');
  return ok ? 0 : 1;
}
