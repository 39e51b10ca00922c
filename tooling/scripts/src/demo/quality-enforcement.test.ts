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
import {
  type QualityEnforcementResult,
  type QualityEnforcementUrls,
  qualityEnforcement,
} from './quality-enforcement.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-quality-enforcement-'));
const run = `${process.pid}_${Date.now()}`;
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
// NATS JetStream when NATS_URL is set, on a stream and subjects of this run's own.
const jetstream = process.env.NATS_URL
  ? { servers: [process.env.NATS_URL], stream: `EGOV_QE_${run}`, subjectPrefix: `egov-qe-${run}.events` }
  : null;

describe(`quality enforcement across customs, quality and finance, over HTTP and events (${jetstream ? 'JetStream' : 'in-process bus'})`, () => {
  let launched: Launched;
  let result: QualityEnforcementResult;
  const lines: string[] = [];

  beforeAll(async () => {
    const transport = jetstream ? await createJetStreamTransport(jetstream) : undefined;
    launched = await launchEmbedded({
      basePort: await freeBasePort(),
      seed: true,
      env,
      only: ['golden-customs', 'golden-quality', 'social-security'],
      ...(transport ? { transport } : {}),
    });
    const urls = Object.fromEntries(
      launched.apps.map((a) => [a.app.name, a.serving.url]),
    ) as unknown as QualityEnforcementUrls;
    result = await qualityEnforcement(urls, (line) => lines.push(line));
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

  it('holds CCC goods at customs and refuses release until golden-quality confirms a valid certificate', () => {
    expect(result.refusedWithoutCertificate).toBe('ccc_not_valid');
    expect(result.certificateNo).toMatch(/^CCC-\d{4}-\d{8}$/);
    expect(result.releasedWithCertificate).toBe(true);
  });

  it('turns a failed market sample into a recall, a fine received by the treasury as non-tax revenue, and a notice', () => {
    expect(result.recallOrdered).toBe(true);
    expect(result.fine).toEqual({
      amountFen: 2_000_000,
      paid: true,
      receiptStatus: 'matched',
      treasuryStatus: 'matched',
    });
    expect(result.published).toBe(true);
  });

  it('audits the certificate check at customs as a call-out and at golden-quality as a call-in', async () => {
    const app = (name: string) => launched.apps.find((a) => a.app.name === name)!.app.database;
    const quality = app('golden-quality');
    const { rows } = await sql<{ actor: string }>`select actor from ${sql.table(
      `${quality.schema}.audit_record`,
    )} where procedure = 'certificates.check'`.execute(quality.db);
    expect(rows.map((r) => r.actor)).toContain('service:golden-customs');
    const customs = app('golden-customs');
    const refused = await sql<{
      outcome: string;
      object_ids: string[];
    }>`select outcome, object_ids from ${sql.table(
      `${customs.schema}.audit_record`,
    )} where procedure = 'declarations.release' order by seq`.execute(customs.db);
    expect(refused.rows[0]!.outcome).not.toBe('ok');
    expect(refused.rows.at(-1)!.object_ids).toContain('call-out:golden-quality/certificates.check');
    expect(lines.join('\n')).toMatch(/golden-customs -> golden-quality certificates.check/);
  });
});
