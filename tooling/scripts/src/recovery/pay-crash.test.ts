/**
 * Issue 12 item 13, tested by killing the process between the two commits:
 * golden-customs pays a declaration into golden-finance's treasury (the real
 * apps, over HTTP, each on its own schema of PostgreSQL) in a child process
 * that SIGKILLs itself mid-payment: before the first call, after finance
 * committed the first receipt, and after it committed every receipt while
 * customs had not committed the payment. Nobody retries the payment. The
 * next process, on start, resumes customs' pending step from its own record:
 * the declaration ends paid with the receipts finance made the first time,
 * finance holds no second receipt, every expected item is matched once, the
 * paid event is written once, and both audit logs verify.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSnapshot, verifySnapshot } from '@egov/kernel/audit';
import { type AppDatabase, createDatabase, type DatabaseConfig } from '@egov/kernel/db';
import { uniqueSchema } from '@egov/kernel/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KILL_POINTS, type KillPoint, type PayCrashConfig } from './pay-crash.points.ts';

const WORKER = fileURLToPath(new URL('./pay-crash.worker.ts', import.meta.url));
const SCRIPTS = fileURLToPath(new URL('../..', import.meta.url));

interface Life {
  kill: KillPoint | null;
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[][];
  stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'egov-pay-crash-'));
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set: run the tests through vitest (its global setup sets it)');
const databases: PayCrashConfig['databases'] = {
  // Pools of their own: customs holds a transaction while it calls finance.
  customs: { kind: 'postgres', url, schema: uniqueSchema('pay_crash_customs'), poolSize: 4, pool: 'customs' },
  finance: { kind: 'postgres', url, schema: uniqueSchema('pay_crash_finance'), poolSize: 4, pool: 'finance' },
};

async function runLife(index: number, kill: KillPoint | null): Promise<Life> {
  const journal = join(dir, `life-${index}.log`);
  const config: PayCrashConfig = { databases, journal, kill, index };
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    cwd: SCRIPTS,
    env: { ...process.env, PAY_CRASH_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve([c, s]));
  });
  clearTimeout(timer);
  let text = '';
  try {
    text = readFileSync(journal, 'utf8');
  } catch {}
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' '));
  return { kill, code, signal, lines, stderr };
}

describe('a payment killed between the treasury commit and the customs commit', () => {
  let customs: AppDatabase<any>;
  let finance: AppDatabase<any>;
  const lives: Life[] = [];
  /** What each killed life left, read before the next life started. */
  const gaps: Record<
    string,
    { declarationId: string; declarationNo: string; status: string; payments: number; receipts: string[] }
  > = {};

  const declarationOf = (life: Life) => {
    const line = life.lines.find((l) => l[0] === 'declaration');
    if (!line) throw new Error(`life (${life.kill}) submitted nothing:\n${life.stderr}`);
    return { id: line[1]!, no: line[2]! };
  };
  const receiptsAt = async (declarationNo: string) =>
    (
      await sql<{ id: string; source_reference: string; status: string }>`select id, source_reference, status
        from ${sql.table(`${finance.schema}.receipt`)} where source_reference like ${`${declarationNo}-%`}
        order by source_reference`.execute(finance.db)
    ).rows;
  const declaration = async (id: string) =>
    (
      await sql<{ status: string }>`select status from ${sql.table(`${customs.schema}.declaration`)}
        where id = ${id}`.execute(customs.db)
    ).rows[0];
  const paymentsAt = async (id: string) =>
    (
      await sql<{ receipt_id: string; source_reference: string }>`select receipt_id, source_reference
        from ${sql.table(`${customs.schema}.declaration_payment`)} where declaration_id = ${id}
        order by source_reference`.execute(customs.db)
    ).rows;

  beforeAll(async () => {
    let index = 0;
    for (const kill of KILL_POINTS) {
      const life = await runLife(index++, kill);
      lives.push(life);
      if (life.signal !== 'SIGKILL' || !life.lines.some((l) => l[0] === 'kill' && l[1] === kill))
        throw new Error(
          `life ${index - 1} did not die at ${kill}: ${life.code} ${life.signal}\n${life.stderr}`,
        );
      customs ??= await createDatabase(databases.customs as DatabaseConfig);
      finance ??= await createDatabase(databases.finance as DatabaseConfig);
      const d = declarationOf(life);
      gaps[kill] = {
        declarationId: d.id,
        declarationNo: d.no,
        status: (await declaration(d.id))!.status,
        payments: (await paymentsAt(d.id)).length,
        receipts: (await receiptsAt(d.no)).map((r) => r.id),
      };
    }
    // The last life pays nothing: it only starts, recovers and stops.
    const last = await runLife(index, null);
    lives.push(last);
    if (last.code !== 0)
      throw new Error(`the recovery life exited ${last.code} ${last.signal}\n${last.stderr}`);
  }, 600_000);

  afterAll(async () => {
    await customs?.dropSchema();
    await customs?.close();
    await finance?.dropSchema();
    await finance?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('left the gap of the finding each time: customs unpaid while finance held what it had committed', () => {
    expect(gaps['before-first-call']).toMatchObject({ status: 'submitted', payments: 0, receipts: [] });
    expect(gaps['after-first-receipt']).toMatchObject({ status: 'submitted', payments: 0 });
    expect(gaps['after-first-receipt']!.receipts).toHaveLength(1);
    expect(gaps['after-all-receipts']).toMatchObject({ status: 'submitted', payments: 0 });
    expect(gaps['after-all-receipts']!.receipts).toHaveLength(3);
  });

  it.each(KILL_POINTS)(
    'after a kill %s, a restart paid the declaration with no second receipt',
    async (kill) => {
      const gap = gaps[kill]!;
      expect(await declaration(gap.declarationId)).toEqual({ status: 'paid' });
      const receipts = await receiptsAt(gap.declarationNo);
      // One receipt per tax, matched, and those finance made before the kill are the ones customs keeps.
      expect(receipts.map((r) => [r.source_reference.slice(gap.declarationNo.length + 1), r.status])).toEqual(
        [
          ['consumption-tax', 'matched'],
          ['customs-duty', 'matched'],
          ['import-vat', 'matched'],
        ],
      );
      expect(receipts.map((r) => r.id)).toEqual(expect.arrayContaining(gap.receipts));
      const payments = await paymentsAt(gap.declarationId);
      expect(payments.map((p) => [p.source_reference, p.receipt_id])).toEqual(
        receipts.map((r) => [r.source_reference, r.id]),
      );
      // Each expected item matched once, each receipt posted to the ledger once.
      const items = await sql<{
        status: string;
      }>`select status from ${sql.table(`${finance.schema}.expected_item`)}
      where source_reference like ${`${gap.declarationNo}-%`}`.execute(finance.db);
      expect(items.rows.map((r) => r.status)).toEqual(['matched', 'matched', 'matched']);
      const journals = await sql<{ reference: string; n: number }>`select reference, count(*)::int as n
      from ${sql.table(`${finance.schema}.journal`)} where reference = any(${receipts.map((r) => `receipt:${r.id}`)})
      group by reference`.execute(finance.db);
      expect(journals.rows.map((r) => r.n)).toEqual([1, 1, 1]);
      // The paid event, once, for golden-tax and whoever else listens.
      const events = await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(`${customs.schema}.outbox`)}
      where name = 'golden-customs.declaration.paid.v1' and payload->>'declarationId' = ${gap.declarationId}`.execute(
        customs.db,
      );
      expect(events.rows[0]!.n).toBe(1);
      // The step is done, resumed by the kernel as the app acting for the officer who paid.
      const step = await sql<{ status: string; actor: string; key: string }>`select status, actor, key
      from ${sql.table(`${customs.schema}.pending_step`)} where input->>'declarationId' = ${gap.declarationId}`.execute(
        customs.db,
      );
      expect(step.rows).toEqual([
        expect.objectContaining({ status: 'done', actor: 'official:customs-officer' }),
      ]);
      const resumed = await sql<{
        actor: string;
        subject: string;
        outcome: string;
      }>`select actor, subject, outcome
      from ${sql.table(`${customs.schema}.audit_record`)}
      where procedure = 'declarations.pay' and object_ids ? ${`declaration:${gap.declarationId}`}`.execute(
        customs.db,
      );
      expect(resumed.rows).toEqual([
        { actor: 'service:golden-customs', subject: 'official:customs-officer', outcome: 'ok' },
      ]);
    },
  );

  it('sent the resumed calls with the keys recorded before the kill, answered from the treasury store', async () => {
    const gap = gaps['after-all-receipts']!;
    const calls = await sql<{ key: string; procedure: string }>`select c.key, c.procedure
      from ${sql.table(`${customs.schema}.pending_step_call`)} c
      join ${sql.table(`${customs.schema}.pending_step`)} s on s.key = c.step_key
      where s.input->>'declarationId' = ${gap.declarationId}`.execute(customs.db);
    expect(calls.rows).toHaveLength(6);
    const replayed = await sql<{ id: string }>`select id from ${sql.table(`${finance.schema}.audit_record`)},
        jsonb_array_elements_text(object_ids) as id
      where actor = 'service:golden-customs' and id like 'idempotency-replay:%'`.execute(finance.db);
    const replayedKeys = replayed.rows.map((r) => r.id.slice('idempotency-replay:'.length));
    // Every call finance had answered before the kill was answered again from its store.
    expect(replayedKeys).toEqual(expect.arrayContaining(calls.rows.map((c) => c.key)));
  });

  it('keeps both audit logs verifiable across the kills', async () => {
    for (const [db, service] of [
      [customs, 'golden-customs'],
      [finance, 'golden-finance'],
    ] as const) {
      const verification = await verifySnapshot(await loadSnapshot(db.db, service));
      expect(verification, service).toMatchObject({ ok: true, problems: [] });
    }
  });
});
