import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callProcedure } from '@egov/kernel/network';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchEmbedded } from '../embedded/launch.ts';
import { freshDatabaseUrl, freeBasePort } from '@egov/testing';
import { audit } from './audit.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'egov-audit-cli-'));
// A database of this file's own on the test server: the launcher uses each app's fixed schema.
const database = await freshDatabaseUrl();
const env = { EGOV_DATA_DIR: dataDir, EGOV_LOG_LEVEL: 'silent', DATABASE_URL: database.url };

describe('egov audit verify|export', () => {
  const output: string[] = [];
  beforeAll(async () => {
    const launched = await launchEmbedded({
      basePort: await freeBasePort(),
      seed: true,
      env,
    });
    const platform = launched.apps[0]!;
    for (const password of ['wrong-1', 'wrong-2']) {
      await callProcedure(platform.serving.url, 'auth.login', {
        type: 'mutation',
        input: { username: 'clerk', password },
      }).catch(() => {});
    }
    await launched.stop(); // stopping flushes each app's audit sequencer
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      output.push(line);
    });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verifies every app and exits 0', async () => {
    expect(await audit(['verify'], env)).toBe(0);
    expect(output.join('\n')).toMatch(/platform: ok, \d+ records in the tree/);
  });

  it('exits non-zero and names the first broken index after a row is changed in the database', async () => {
    const { createDatabase, databaseConfigFromEnv } = await import('@egov/kernel/db');
    const database = await createDatabase<any>(databaseConfigFromEnv('platform', env));
    await database.owner.transaction().execute(async (trx) => {
      await sql`alter table platform.audit_record disable trigger user`.execute(trx);
      await sql`update platform.audit_record set actor = 'official:someone-else' where seq = (select record_seq from platform.audit_leaf where leaf_index = 1)`.execute(
        trx,
      );
      await sql`alter table platform.audit_record enable trigger user`.execute(trx);
    });
    await database.close();
    output.length = 0;
    expect(await audit(['verify', '--app', 'platform'], env)).toBe(1);
    expect(output.join('\n')).toContain('platform: BROKEN at index 1');
  });

  it('exports an archive that verifies offline, and fails after a one-byte change', async () => {
    const file = join(dataDir, 'shield.jsonl');
    expect(await audit(['export', '--app', 'golden-shield', '--out', file], env)).toBe(0);
    expect(await audit(['verify', '--archive', file, '--app', 'golden-shield'], env)).toBe(0);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"actor":"') + 10;
    writeFileSync(file, text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1));
    expect(await audit(['verify', '--archive', file], env)).toBe(1);
  });
});
