import { freeBasePort } from '@egov/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoldenCustomsRouter } from '@egov/golden-customs/router';
import type { GoldenTaxRouter } from '@egov/golden-tax/router';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareYacht, type FlowResult, type FlowUrls, importClearance } from '../demo/import-clearance.ts';
import { asOfficial, login } from '../demo/officials.ts';
import { type LaunchedDistributed, launchDistributed } from './launch.ts';

/*
 * `egov start --distributed` on one machine: every app its own process and
 * database, events over JetStream. Import clearance runs through it, then the
 * consumer (golden-tax) and the producer (golden-customs, just after a
 * release) are killed with SIGKILL: nothing is lost once they are back.
 */
const nats = process.env.NATS_URL;
if (!nats && process.env.CI === 'true')
  throw new Error('CI must set NATS_URL: the distributed mode may not be skipped');
const prefix = `egov_t${randomBytes(4).toString('hex')}_`;

describe.runIf(nats)('the distributed mode: a process and a database per app, events over JetStream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-distributed-'));
  const stream = `EGOV_DIST_${randomBytes(4).toString('hex')}`;
  let launched: LaunchedDistributed;
  let urls: FlowUrls;
  let result: FlowResult;

  beforeAll(async () => {
    launched = await launchDistributed({
      basePort: await freeBasePort(),
      databasePrefix: prefix,
      env: {
        ...process.env,
        EGOV_DATA_DIR: dataDir,
        EGOV_EVENTS_STREAM: stream,
        EGOV_EVENTS_SUBJECT_PREFIX: `egov-dist-${stream}.events`,
        EGOV_LOG_LEVEL: 'warn',
      },
    });
    urls = Object.fromEntries(launched.apps.map((a) => [a.name, a.url])) as unknown as FlowUrls;
    result = await importClearance(urls, () => undefined, { dataDir });
  });

  afterAll(async () => {
    await launched?.stop();
    const nc = await connect({ servers: nats! });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
    await nc.close();
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every app in its own process on a database of its own', async () => {
    const pids = new Set(launched.apps.map((a) => a.process.pid));
    expect(pids.size).toBe(launched.apps.length);
    expect(new Set(launched.apps.map((a) => new URL(a.databaseUrl).pathname)).size).toBe(
      launched.apps.length,
    );
  });

  it('clears an import across processes exactly as in one process', () => {
    expect(result.taxes).toEqual({ dutyFen: 1_000_000, consumptionTaxFen: 1_222_222, vatFen: 1_588_889 });
    expect(result.receipts.map((r) => r.status)).toEqual(['matched', 'matched', 'matched']);
    expect(result.secondPayReturnedSameReceipts).toBe(true);
    expect(result.inputVatFen).toBe(1_588_889);
  });

  it('loses nothing when the consumer and then the producer are killed with SIGKILL mid-flow', async () => {
    const officer = await login(urls.platform, 'customs-officer');
    const taxOfficer = await login(urls.platform, 'tax-officer');
    const customs = () =>
      asOfficial<GoldenCustomsRouter>(launched.apps.find((a) => a.name === 'golden-customs')!.url, officer);
    const tax = asOfficial<GoldenTaxRouter>(urls['golden-tax'], taxOfficer);
    const { importer, declared } = await declareYacht(customs(), tax);
    await customs().declarations.pay.mutate({ declarationId: declared.id });

    launched.apps.find((a) => a.name === 'golden-tax')!.process.kill('SIGKILL');
    const released = await customs().declarations.release.mutate({ declarationId: declared.id });
    // The release committed its event to customs' outbox; the relay may or may not have sent it yet.
    launched.apps.find((a) => a.name === 'golden-customs')!.process.kill('SIGKILL');
    await launched.restart('golden-customs');
    await launched.restart('golden-tax');

    const period = new Date(new Date(released.paidAt ?? released.releasedAt!).getTime() + 8 * 3600_000)
      .toISOString()
      .slice(0, 7);
    let found = 0;
    for (let waited = 0; waited < 60_000 && found === 0; waited += 250) {
      const inputs = await tax.inputs.list.query({ creditCode: importer, period });
      found = inputs.filter((i) => i.source === 'customs' && i.declarationId === declared.id).length;
      if (found === 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(found).toBe(1);
  });
});
