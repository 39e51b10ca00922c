import { dataRoot } from '@egov/kernel/db';
import { DEFAULT_BASE_PORT, embeddedApps } from '../embedded/apps.ts';
import { type FlowUrls, importClearance } from '../demo/import-clearance.ts';

/**
 * `egov demo import-clearance`: runs flow 1 against the platform started by
 * `pnpm start` (ports from EGOV_BASE_PORT), printing each hop: who called
 * whom, what was paid, and which audit records were written.
 */
export async function demo(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] !== 'import-clearance') throw new Error('usage: egov demo import-clearance');
  const base = Number(env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT);
  const url = (offset: number) => `http://127.0.0.1:${base + offset}`;
  const urls = {
    platform: url(0),
    ...Object.fromEntries(embeddedApps.map((a) => [a.definition.name, url(a.portOffset)])),
  } as FlowUrls;
  const result = await importClearance(urls, (line) => console.log(line), {
    dataDir: dataRoot(env),
  });
  const ok = result.secondPayReturnedSameReceipts && result.inputVatFen === result.taxes.vatFen;
  console.log(ok ? 'import clearance: done' : 'import clearance: finished with differences (see above)');
  return ok ? 0 : 1;
}
