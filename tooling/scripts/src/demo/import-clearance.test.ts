import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJetStreamTransport } from '@egov/kernel/messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Launched, launchEmbedded } from '../embedded/launch.ts';
import { type FlowResult, type FlowUrls, importClearance } from './import-clearance.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-flow-'));
// A database of this run's own, since the launcher uses each app's fixed schema and an earlier run's
// state (an enrolled second factor) must not leak in.
const run = `${process.pid}_${Date.now()}`;
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
// NATS JetStream when NATS_URL is set, on a stream and subjects of this run's own.
const jetstream = process.env.NATS_URL
  ? { servers: [process.env.NATS_URL], stream: `EGOV_FLOW_${run}`, subjectPrefix: `egov-flow-${run}.events` }
  : null;

describe('import clearance across customs, finance and tax, over HTTP and events', () => {
  let launched: Launched;
  let result: FlowResult;
  const lines: string[] = [];
  const app = (name: string) => launched.apps.find((a) => a.app.name === name)!;

  beforeAll(async () => {
    const transport = jetstream ? await createJetStreamTransport(jetstream) : undefined;
    launched = await launchEmbedded({
      basePort: await freeBasePort(),
      seed: true,
      env,
      ...(transport ? { transport } : {}),
    });
    const urls = Object.fromEntries(
      launched.apps.map((a) => [a.app.name, a.serving.url]),
    ) as unknown as FlowUrls;
    result = await importClearance(urls, (line) => lines.push(line), { dataDir });
  });
  afterAll(async () => {
    await launched?.stop();
    await database.drop();
    if (jetstream) {
      const nc = await connect({ servers: jetstream.servers });
      await (await jetstreamManager(nc)).streams.delete(jetstream.stream).catch(() => false);
      await nc.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('assesses the worked example exactly: duty 10,000.00, consumption tax 12,222.22, import VAT 15,888.89', () => {
    expect(result.taxes).toEqual({ dutyFen: 1_000_000, consumptionTaxFen: 1_222_222, vatFen: 1_588_889 });
  });

  it('pays each tax into the treasury, matched to its source, and a second payment returns the first receipts', () => {
    expect(result.receipts.map((r) => [r.tax, r.amountFen, r.status])).toEqual([
      ['customs-duty', 1_000_000, 'matched'],
      ['consumption-tax', 1_222_222, 'matched'],
      ['import-vat', 1_588_889, 'matched'],
    ]);
    expect(result.secondPayReturnedSameReceipts).toBe(true);
  });

  it('turns the release into deductible input VAT at tax, through the outbox and the inbox', () => {
    expect(result.inputVatFen).toBe(1_588_889);
  });

  it('keeps the treasury ledger balanced', async () => {
    const finance = app('golden-finance').app.database;
    const { rows } = await sql<{ debit: string; credit: string; lines: number }>`
      select coalesce(sum(amount) filter (where side = 'debit'), 0)::text as debit,
             coalesce(sum(amount) filter (where side = 'credit'), 0)::text as credit,
             count(*)::int as lines
      from ${sql.table(`${finance.schema}.journal_line`)}`.execute(finance.db);
    expect(rows[0]!.lines).toBeGreaterThan(0);
    expect(rows[0]!.debit).toBe(rows[0]!.credit);
  });

  it('audits the cross-agency calls on both sides', () => {
    const trail = result.auditRecords!;
    expect(
      trail['golden-finance']!.some(
        (r) => r.actor === 'service:golden-customs' && r.procedure === 'treasury.receive',
      ),
    ).toBe(true);
    expect(lines.join('\n')).toMatch(/golden-customs -> golden-finance treasury.receive/);
  });

  it("records the calls made by customs in the caller's own audit record", async () => {
    const rows = await sql<{
      object_ids: unknown;
    }>`select object_ids from ${sql.table(`${app('golden-customs').app.database.schema}.audit_record`)} where procedure = 'declarations.pay' and outcome = 'ok'`.execute(
      app('golden-customs').app.database.db,
    );
    const ids = rows.rows.flatMap(
      (r) => (typeof r.object_ids === 'string' ? JSON.parse(r.object_ids) : r.object_ids) as string[],
    );
    expect(ids).toContain('call-out:golden-finance/treasury.receive');
  });
});
