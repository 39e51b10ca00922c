import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJetStreamTransport } from '@egov/kernel/messaging';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Launched, launchEmbedded } from '../embedded/launch.ts';
import { type AmlResult, type AmlUrls, antiMoneyLaundering } from './aml.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-aml-'));
const run = `${process.pid}_${Date.now()}`;
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
// NATS JetStream when NATS_URL is set, on a stream and subjects of this run's own.
const jetstream = process.env.NATS_URL
  ? { servers: [process.env.NATS_URL], stream: `EGOV_AML_${run}`, subjectPrefix: `egov-aml-${run}.events` }
  : null;

describe('anti-money-laundering across financial supervision, golden-shield and golden-tax', () => {
  let launched: Launched;
  let result: AmlResult;
  const lines: string[] = [];
  const app = (name: string) => launched.apps.find((a) => a.app.name === name)!;
  const audit = async (name: string, procedure: string) => {
    const db = app(name).app.database;
    const { rows } = await sql<{ actor: string; kind: string; outcome: string; object_ids: unknown }>`
      select actor, kind, outcome, object_ids from ${sql.table(`${db.schema}.audit_record`)}
      where procedure = ${procedure} order by seq`.execute(db.db);
    return rows.map((r) => ({
      ...r,
      object_ids: (typeof r.object_ids === 'string' ? JSON.parse(r.object_ids) : r.object_ids) as string[],
    }));
  };

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
    ) as unknown as AmlUrls;
    result = await antiMoneyLaundering(urls, (line) => lines.push(line), { dataDir });
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

  it('turns four cash deposits just under 50,000 yuan into one large-value report, refusing the EUR row', () => {
    expect(result.largeValueReports).toBe(1);
    expect(lines.join('\n')).toMatch(/4 kept, 1 refused/);
    expect(lines.join('\n')).toMatch(/currency: unsupported_currency/);
  });

  it('checks the identity under the grant, opens a case and attaches the invoice totals', () => {
    expect(result.identityResult).toBe('match');
    expect(result.caseNo).toMatch(/^AML-\d{4}-\d{6}$/);
    expect(result.taxFindings).toMatchObject({
      registered: true,
      issued: 3,
      issuedTotalFen: '31164000',
      voided: 0,
    });
  });

  it('audits each hop on both sides, the grant in golden-shield’s record', async () => {
    const verified = (await audit('golden-shield', 'identity.verify')).at(-1)!;
    expect(verified).toMatchObject({
      actor: 'service:financial-supervision',
      kind: 'mutation',
      outcome: 'ok',
    });
    expect(verified.object_ids).toContain(`grant:${result.grantId}`);
    expect((await audit('golden-shield', 'cases.open')).at(-1)).toMatchObject({
      actor: 'service:financial-supervision',
      outcome: 'ok',
    });
    const attached = (await audit('golden-shield', 'cases.attach')).at(-1)!;
    expect(attached).toMatchObject({ actor: 'service:golden-tax', outcome: 'ok' });
    expect(attached.object_ids).toContain(`case:${result.caseNo}`);
    const checked = (await audit('golden-tax', 'aml.checkInvoices')).at(-1)!;
    expect(checked).toMatchObject({ actor: 'service:financial-supervision', outcome: 'ok' });
    expect(checked.object_ids).toEqual(
      expect.arrayContaining([`case:${result.caseNo}`, 'call-out:golden-shield/cases.attach']),
    );
    const referred = (await audit('financial-supervision', 'suspicious.refer')).at(-1)!;
    expect(referred.object_ids).toEqual(
      expect.arrayContaining([
        'call-out:golden-shield/identity.verify',
        'call-out:golden-shield/cases.open',
        'call-out:golden-tax/aml.checkInvoices',
      ]),
    );
  });

  it('sends golden-tax the case number, the company and the period, never the person', async () => {
    const attached = (await audit('golden-tax', 'aml.checkInvoices')).at(-1)!;
    expect(JSON.stringify(attached)).not.toContain('110101198503120017');
    expect(lines.join('\n')).toMatch(
      /golden-shield identity.verify \(grant GS-POP-0001, purpose stated\): match/,
    );
  });
});
