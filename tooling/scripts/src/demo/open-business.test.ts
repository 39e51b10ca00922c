import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJetStreamTransport } from '@egov/kernel/messaging';
import { validateCreditCode } from '@egov/standards';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Launched, launchEmbedded } from '../embedded/launch.ts';
import { type OpenBusinessResult, type OpenBusinessUrls, openBusiness } from './open-business.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-open-business-'));
const run = `${process.pid}_${Date.now()}`;
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
// NATS JetStream when NATS_URL is set, on a stream and subjects of this run's own.
const jetstream = process.env.NATS_URL
  ? { servers: [process.env.NATS_URL], stream: `EGOV_OB_${run}`, subjectPrefix: `egov-ob-${run}.events` }
  : null;

describe(`opening a business across quality, shield, tax and social security, over HTTP and events (${jetstream ? 'JetStream' : 'in-process bus'})`, () => {
  let launched: Launched;
  let result: OpenBusinessResult;
  const lines: string[] = [];
  const app = (name: string) => launched.apps.find((a) => a.app.name === name)!.app;

  beforeAll(async () => {
    const transport = jetstream ? await createJetStreamTransport(jetstream) : undefined;
    launched = await launchEmbedded({
      basePort: await freeBasePort(),
      seed: true,
      env,
      only: ['golden-quality', 'golden-tax', 'social-security'],
      ...(transport ? { transport } : {}),
    });
    const urls = Object.fromEntries(
      launched.apps.map((a) => [a.app.name, a.serving.url]),
    ) as unknown as OpenBusinessUrls;
    result = await openBusiness(urls, (line) => lines.push(line));
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

  it('issues a valid credit code and answers the retried application with the first', () => {
    expect(validateCreditCode(result.creditCode).ok).toBe(true);
    expect(result.retryReturnedFirst).toBe(true);
  });

  it('registers the taxpayer at golden-tax and the employer at social-security, and shows each step', () => {
    expect(result.status).toBe('complete');
    expect(result.steps.map((s) => [s.step, s.doneAt !== null])).toEqual([
      ['entity_registered', true],
      ['taxpayer_registered', true],
      ['employer_registered', true],
    ]);
    expect(result.taxpayer).toMatchObject({ creditCode: result.creditCode, kind: 'small-scale' });
    expect(result.employer).toMatchObject({ creditCode: result.creditCode });
  });

  it('makes one entity, one taxpayer and one employer of it', async () => {
    const count = async (name: string, table: string) => {
      const db = app(name).database;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(
        `${db.schema}.${table}`,
      )} where credit_code = ${result.creditCode}`.execute(db.db);
      return rows[0]!.n;
    };
    expect(await count('golden-quality', 'legal_entity')).toBe(1);
    expect(await count('golden-tax', 'taxpayer')).toBe(1);
    expect(await count('social-security', 'employer')).toBe(1);
  });

  it('audits the identity check on both sides, under the grant, with its purpose', async () => {
    const shield = app('golden-shield').database;
    const { rows } = await sql<{
      actor: string;
      object_ids: string[];
    }>`select actor, object_ids from ${sql.table(
      `${shield.schema}.audit_record`,
    )} where procedure = 'identity.verify' and outcome = 'ok'`.execute(shield.db);
    expect(
      rows.some(
        (r) => r.actor === 'service:golden-quality' && r.object_ids.some((o) => o.startsWith('grant:')),
      ),
    ).toBe(true);
    const quality = app('golden-quality').database;
    const mine = await sql<{ object_ids: string[] }>`select object_ids from ${sql.table(
      `${quality.schema}.audit_record`,
    )} where procedure = 'applications.submit' and outcome = 'ok'`.execute(quality.db);
    expect(mine.rows.flatMap((r) => r.object_ids)).toContain('call-out:golden-shield/identity.verify');
    expect(lines.join('\n')).toMatch(/golden-quality -> golden-shield identity.verify/);
  });
});
