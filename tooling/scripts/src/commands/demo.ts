import { dataRoot } from '@egov/kernel/db';
import { type AmlUrls, antiMoneyLaundering } from '../demo/aml.ts';
import { type FlowUrls, importClearance } from '../demo/import-clearance.ts';
import { DEFAULT_BASE_PORT, embeddedApps } from '../embedded/apps.ts';

/**
 * `egov demo import-clearance` (flow 1) and `egov demo aml` (flow 6): run a
 * flow against the platform started by `pnpm start` (ports from
 * EGOV_BASE_PORT), printing each hop: who called whom, what was done, and
 * which audit records were written.
 */
export async function demo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] !== 'import-clearance' && args[0] !== 'aml')
    throw new Error('usage: egov demo import-clearance|aml');
  const base = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const urls = {
    platform: url(0),
    ...Object.fromEntries(embeddedApps.map((a) => [a.definition.name, url(a.portOffset)])),
  } as FlowUrls;
  if (args[0] === 'aml') {
    const aml = await antiMoneyLaundering(urls as unknown as AmlUrls, (line) => console.log(line), {
      dataDir: dataRoot(env),
    });
    const done = aml.identityResult === 'match' && aml.caseNo !== null && aml.taxFindings !== null;
    console.log(
      done ? 'anti-money-laundering: done' : 'anti-money-laundering: finished with differences (see above)',
    );
    return done ? 0 : 1;
  }
  const result = await importClearance(urls, (line) => console.log(line), {
    dataDir: dataRoot(env),
  });
  const ok = result.secondPayReturnedSameReceipts && result.inputVatFen === result.taxes.vatFen;
  console.log(ok ? 'import clearance: done' : 'import clearance: finished with differences (see above)');
  return ok ? 0 : 1;
}
