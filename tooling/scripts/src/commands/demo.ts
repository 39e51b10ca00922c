import { join } from 'node:path';
import { dataRoot } from '@egov/kernel/db';
import { type FlowUrls, importClearance } from '../demo/import-clearance.ts';
import { type MacroUrls, macroData } from '../demo/macro-data.ts';
import { DEFAULT_BASE_PORT, embeddedApps } from '../embedded/apps.ts';

/**
 * `egov demo import-clearance`: runs flow 1 against the platform started by
 * `pnpm start` (ports from EGOV_BASE_PORT), printing each hop: who called
 * whom, what was paid, and which audit records were written.
 */
export async function demo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] !== 'import-clearance' && args[0] !== 'macro-data')
    throw new Error('usage: egov demo import-clearance | egov demo macro-data [--out DIR]');
  const base = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const urls = {
    platform: url(0),
    ...Object.fromEntries(embeddedApps.map((a) => [a.definition.name, url(a.portOffset)])),
  } as FlowUrls & MacroUrls;
  if (args[0] === 'macro-data') {
    const out = args.indexOf('--out');
    const chartsDir =
      out >= 0 && args[out + 1] ? args[out + 1]! : join(dataRoot(env), 'demo', 'macro-charts');
    const result = await macroData(urls, (line) => console.log(line), { chartsDir });
    const ok = result.publicBefore === 0 && result.publicAfter === 1 && result.total.revisions >= 2;
    console.log(ok ? 'macro data: done' : 'macro data: finished with differences (see above)');
    return ok ? 0 : 1;
  }
  const result = await importClearance(urls, (line) => console.log(line), {
    dataDir: dataRoot(env),
  });
  const ok = result.secondPayReturnedSameReceipts && result.inputVatFen === result.taxes.vatFen;
  console.log(ok ? 'import clearance: done' : 'import clearance: finished with differences (see above)');
  return ok ? 0 : 1;
}
