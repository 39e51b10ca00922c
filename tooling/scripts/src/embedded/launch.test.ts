import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoldenShieldRouter } from '@egov/golden-shield/router';
import { callProcedure } from '@egov/kernel/network';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '@egov/platform/provisioning';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { launchEmbedded } from './launch.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-launch-'));
// A database of this file's own on the test server: the launcher uses each app's fixed schema.
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };
const basePort = await freeBasePort();

async function counts(launched: Awaited<ReturnType<typeof launchEmbedded>>) {
  const [platform, shield] = launched.apps;
  const one = async (db: any, table: string) =>
    Number(
      (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db)).rows[0]!.n,
    );
  return {
    officials: await one(platform!.app.database.db, 'platform.official'),
    residents: await one(shield!.app.database.db, 'golden_shield.resident'),
  };
}

describe('egov start (embedded mode)', () => {
  let firstCounts: Awaited<ReturnType<typeof counts>>;
  afterAll(async () => {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts platform and golden-shield, registers them, and answers through the network client', async () => {
    const launched = await launchEmbedded({ basePort, seed: true, env });
    try {
      const [platform, shield] = launched.apps;
      expect(platform!.serving.url).toBe(`http://127.0.0.1:${basePort}`);
      const found = await shield!.network.registry.resolve('golden-shield');
      expect(found).toMatchObject({ name: 'golden-shield', zone: 'internal', baseUrl: shield!.serving.url });

      // An official logs in at the platform and reads a resident at golden-shield, whose token check is local (JWKS).
      const login = await callProcedure<{ accessToken: string }>(platform!.serving.url, 'auth.login', {
        type: 'mutation',
        input: { username: 'clerk', password: 'clerk-demo-password' },
      });
      const res = await fetch(`${shield!.serving.url}/readyz`);
      expect(res.status).toBe(200);
      expect(login.accessToken).toMatch(/^eyJ/);

      // Service to service: the typed client resolves the target and carries the platform's service token.
      const client = platform!.network.connect<GoldenShieldRouter>('golden-shield');
      // Resident details are catalog resource GS-RES-0001, not shared: no other app gets them, whatever it holds.
      await expect(client.residents.get.query({ residentId: '11010519491231002X' })).rejects.toThrow(
        /GS-RES-0001 is not shared/,
      );
      firstCounts = await counts(launched);
      expect(firstCounts.officials).toBe(demoAccounts.length);
      expect(firstCounts.residents).toBe(10);
    } finally {
      await launched.stop();
    }
  });

  it('seeds nothing twice on a second start', async () => {
    const launched = await launchEmbedded({ basePort, seed: true, env });
    try {
      expect(await counts(launched)).toEqual(firstCounts);
    } finally {
      await launched.stop();
    }
  });
});
