import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJetStreamTransport } from '@egov/kernel/messaging';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Launched, launchEmbedded } from '../embedded/launch.ts';
import { type MacroResult, type MacroUrls, macroData } from './macro-data.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-macro-'));
const run = `${process.pid}_${Date.now()}`;
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
// NATS JetStream when NATS_URL is set, on a stream and subjects of this run's own.
const jetstream = process.env.NATS_URL
  ? {
      servers: [process.env.NATS_URL],
      stream: `EGOV_MACRO_${run}`,
      subjectPrefix: `egov-macro-${run}.events`,
    }
  : null;

describe(`flow 7: a month into the macroeconomic database (PostgreSQL${jetstream ? ' + JetStream' : ''})`, () => {
  let launched: Launched;
  let result: MacroResult;
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
    ) as unknown as MacroUrls;
    result = await macroData(urls, (line) => lines.push(line), {
      chartsDir: join(dataDir, 'charts'),
      releaseDelayMs: 1_500,
    });
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

  /** The treasury's own receipts of a month in yuan, summed by golden-finance's database (numeric). */
  const treasuryMonth = async (month: string) => {
    const finance = app('golden-finance').app.database;
    const { rows } = await sql<{ yuan: string }>`
      select (coalesce(sum(amount), 0) / 100)::numeric::text as yuan from ${sql.table(`${finance.schema}.receipt`)}
      where to_char(business_date, 'YYYY-MM') = ${month}`.execute(finance.db);
    return rows[0]!.yuan;
  };
  const percent = async (a: string, b: string) => {
    const { rows } = await sql<{
      p: string;
    }>`select round((${a}::numeric / ${b}::numeric - 1) * 100, 2)::text as p`.execute(
      app('golden-finance').app.database.db,
    );
    return rows[0]!.p;
  };
  const monthBack = (month: string, back: number) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 7);
  };

  it('ingests the treasury month through the grant, exactly, and keeps the late receipt as a revision', async () => {
    expect(result.total.revisions).toBe(2);
    // The revision is the treasury's figure now; the first release was 12,345.67 less (the late receipt).
    expect(Number(result.total.revised)).toBe(Number(await treasuryMonth(result.month)));
    const { rows } = await sql<{
      d: string;
    }>`select (${result.total.revised}::numeric - ${result.total.first}::numeric)::text as d`.execute(
      app('golden-finance').app.database.db,
    );
    expect(rows[0]!.d).toBe('12345.67');
    expect(Object.keys(result.grants).sort()).toEqual(['GC-TRD-0001', 'GF-REC-0001', 'GT-REV-0001']);
  });

  it('computes the derived figures from the stored values: yoy, pop, cumulative yoy only with all months', async () => {
    const lastYear = await treasuryMonth(monthBack(result.month, 12));
    const before = await treasuryMonth(monthBack(result.month, 1));
    expect(result.derived.yoy).toBe(await percent(result.total.revised, lastYear));
    expect(result.derived.pop).toBe(await percent(result.total.revised, before));
    expect(result.derived.cum_yoy).toBeUndefined(); // January to N of both years were not all pulled
  });

  it('keeps the figure from the public until its release time, then shows it at once', () => {
    expect(result.publicBefore).toBe(0);
    expect(result.publicAfter).toBe(1);
  });

  it('writes one SVG chart per indicator, drawn on the server', () => {
    expect(result.charts).toHaveLength(8);
    const svg = readFileSync(result.charts.find((f) => f.endsWith('FIN-REC-TOTAL.svg'))!, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(result.month);
    for (const file of result.charts) expect(existsSync(file)).toBe(true);
  });

  it('is logged on both sides of the exchange: the owner names the grant, macroeconomics the dataset', async () => {
    const finance = app('golden-finance').app.database;
    const { rows } = await sql<{ actor: string; objects: string }>`
      select actor, object_ids::text as objects from ${sql.table(`${finance.schema}.audit_record`)}
      where procedure = 'statistics.monthlyReceipts' and outcome = 'ok'`.execute(finance.db);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.actor).toBe('service:macroeconomics');
      expect(r.objects).toContain(`grant:${result.grants['GF-REC-0001']}`);
    }
    const macro = app('macroeconomics').app.database;
    const pulls = await sql<{ objects: string }>`
      select object_ids::text as objects from ${sql.table(`${macro.schema}.audit_record`)}
      where procedure = 'sources.pull' and outcome = 'ok'`.execute(macro.db);
    expect(pulls.rows.length).toBe(10);
    expect(
      pulls.rows.every((r) => /dataset:\d+/.test(r.objects) && r.objects.includes('call-out:golden')),
    ).toBe(true);
  });
});
