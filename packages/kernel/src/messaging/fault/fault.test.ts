/**
 * Crash tests for the messaging path, as the issue asks: a child process
 * running the apps is SIGKILLed at chosen points (before the mutation
 * commits; after it commits, before the relay publishes; after the transport
 * acknowledged, before the relay marks the row published; after the
 * consumer's inbox insert committed, before the transport is acknowledged; in
 * a consumer, mid-effect) and after a random delay, again and again, each restart
 * recovering the previous crash and then crashing somewhere else; a last
 * life without faults drains. Then the set of committed changes must equal
 * the set of events whose effects were applied, each exactly once, no
 * acknowledged change may be missing, and nothing may be left in flight.
 *
 * `FAULT_SEED=<n>` replays a failing run (the seed is in the failure
 * message); `FAULT_ROUNDS=<n>` runs more rounds per target.
 */
import { randomInt } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { changeCounted, changeMade } from './apps.ts';
import {
  crashTargets,
  createDeployment,
  type Deployment,
  FAULTS,
  type FinalState,
  type Life,
  readFinalState,
  runLife,
  seededRandom,
  type Target,
} from './crash.fixture.ts';
import type { WorkerFault } from './worker.ts';

const BASE_SEED = Number(process.env.FAULT_SEED ?? randomInt(2 ** 31));
const targets = crashTargets();
// Each round is 7 lives of about 2-3 CPU-seconds: two rounds of the one local target, or one round of each of
// two, keep the file around 30-40 s on two idle cores.
const ROUNDS = Number(process.env.FAULT_ROUNDS ?? (targets.length === 1 ? 2 : 1));

const cases = targets.flatMap((target) =>
  Array.from({ length: ROUNDS }, (_, round) => ({
    ...target,
    round,
    label: `${target.name}, round ${round + 1}`,
  })),
);
const summaries: string[] = [];
afterAll(async () => {
  console.log(`crash tests (FAULT_SEED=${BASE_SEED}):\n${summaries.sort().join('\n')}`);
});

function seedOf(target: Target, round: number): number {
  let h = BASE_SEED >>> 0;
  for (const ch of `${target.name}/${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

interface LifePlan {
  fault: WorkerFault;
  changes: number;
  concurrency: number;
}

/** The kill points in a random order, each with the passage (or delay) it dies at, in lives of random size. */
function plan(random: () => number): LifePlan[] {
  const order = [...FAULTS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.map((point) => {
    const changes = 2 + Math.floor(random() * 4);
    const concurrency = 1 + Math.floor(random() * 3);
    if (point === 'timer') {
      // From the start it often lands in startup: migrations, subscribing, the relays' first claims.
      const from = random() < 0.5 ? 'start' : 'ready';
      // Startup takes 1-3 s; a life on PostgreSQL drains its changes within about 0.2 s of being ready.
      const ms = from === 'start' ? 300 + Math.floor(random() * 2200) : Math.floor(random() * 600);
      return { fault: { point, ms, from }, changes, concurrency };
    }
    // A life drains before it exits, so it passes every point at least once per change (`before-commit`)
    // or twice (once for change.made, once for change.counted): the chosen passage is always reached.
    const passages = point === 'before-commit' ? changes : 2 * changes;
    return { fault: { point, after: 1 + Math.floor(random() * passages) }, changes, concurrency };
  });
}

const describeFault = (f: WorkerFault | null) =>
  !f ? 'none' : f.point === 'timer' ? `timer@${f.ms}ms-from-${f.from}` : `${f.point}#${f.after}`;

function lifeSummary(life: Life): string {
  const end = life.signal ?? `exit ${life.code}`;
  const retries = life.lines.filter((l) => l.kind === 'startup-retry').length;
  const note = retries > 0 ? `, ${retries} startup retries` : '';
  return `${describeFault(life.fault)} -> ${end}${life.killed ? ` at ${life.killed.join(' ')}` : ''} (${life.ms} ms${note})`;
}

/** What a life was doing last, for a failure message. */
function tail(life: Life): string {
  const lines = life.lines.slice(-12).map((l) => `    ${l.kind} ${l.args.join(' ')}`);
  return `  journal (last ${lines.length} lines):\n${lines.join('\n')}\n  stderr:\n${life.stderr}`;
}

it.concurrent.each(cases)(
  '$label: every committed change applied exactly once after repeated SIGKILLs',
  async (c) => {
    const seed = seedOf(c, c.round);
    const random = seededRandom(seed);
    const started = performance.now();
    let deployment: Deployment | undefined;
    const lives: Life[] = [];
    try {
      deployment = await createDeployment(c);
      for (const { fault, changes, concurrency } of plan(random)) {
        const life = await runLife(deployment, lives.length, { changes, concurrency, fault });
        lives.push(life);
        const selfKilled = life.signal === 'SIGKILL' && life.killed?.[0] === fault.point;
        // A timer may fire after the life has already drained and exited; every other point is always reached.
        const finished = fault.point === 'timer' && life.code === 0;
        expect(selfKilled || finished, `life ${life.index} ${lifeSummary(life)}\n${tail(life)}`).toBe(true);
      }
      const last = await runLife(deployment, lives.length, { changes: 0, concurrency: 1, fault: null });
      lives.push(last);
      expect(last.code, `the recovery life did not drain: ${lifeSummary(last)}\n${tail(last)}`).toBe(0);
      checkInvariants(await readFinalState(deployment), lives);
      summaries.push(
        `  ${c.label} (seed ${seed}): ${Math.round(performance.now() - started)} ms; ${lives.map(lifeSummary).join('; ')}`,
      );
    } catch (error) {
      const e = error as Error;
      e.message = `[FAULT_SEED=${BASE_SEED}, ${c.label}, seed ${seed}]\n${lives.map((l) => `  life ${l.index}: ${lifeSummary(l)}`).join('\n')}\n${e.message}`;
      throw e;
    } finally {
      await deployment?.dispose();
    }
  },
  // Minutes only on a machine loaded by other suites; about 15-30 s otherwise.
  300_000,
);

const sorted = (values: Iterable<string>) => [...values].sort();
const count = (lives: Life[], kind: string, id: string) =>
  lives.flatMap((l) => l.lines).filter((l) => l.kind === kind && l.args[0] === id).length;

function checkInvariants(state: FinalState, lives: Life[]): void {
  const committed = new Map(state.changes.map((c) => [c.id, c]));
  expect(committed.size, 'no change committed at all: the test exercised nothing').toBeGreaterThan(0);

  // The set of committed state changes equals the set of events whose effects were applied...
  expect(sorted(state.effects.map((e) => e.change_id))).toEqual(sorted(committed.keys()));
  // ... each applied exactly once, from that change's own event, and counted back exactly once.
  expect(state.effects.filter((e) => e.applications !== 1)).toEqual([]);
  expect(state.effects.filter((e) => committed.get(e.change_id)?.event_id !== e.event_id)).toEqual([]);
  expect(state.changes.filter((c) => c.counted !== 1)).toEqual([]);

  // No acknowledged change is lost; a change killed before its commit never appears.
  const lines = lives.flatMap((l) => l.lines);
  const acked = lines.filter((l) => l.kind === 'ack');
  expect(acked.filter(({ args: [id, eventId] }) => committed.get(id!)?.event_id !== eventId)).toEqual([]);
  const doomed = lives.filter((l) => l.killed?.[0] === 'before-commit').map((l) => l.killed![1]);
  expect(doomed.filter((id) => committed.has(id))).toEqual([]);

  // Published iff committed, and nothing left in flight or dead anywhere.
  expect(sorted(state.outbox.ledger.map((o) => o.id))).toEqual(sorted(state.changes.map((c) => c.event_id)));
  expect(state.outbox.ledger.every((o) => o.name === changeMade.name)).toBe(true);
  expect(state.outbox.tally.map((o) => o.name)).toEqual(state.effects.map(() => changeCounted.name));
  for (const side of ['ledger', 'tally'] as const) {
    expect(
      state.outbox[side].filter((o) => o.published_at === null),
      `${side} outbox unpublished`,
    ).toEqual([]);
    expect(
      state.inbox[side].filter((i) => i.status !== 'done'),
      `${side} inbox not done`,
    ).toEqual([]);
  }
  expect(sorted(state.inbox.tally.map((i) => i.event_id))).toEqual(
    sorted(state.outbox.ledger.map((o) => o.id)),
  );
  expect(sorted(state.inbox.ledger.map((i) => i.event_id))).toEqual(
    sorted(state.outbox.tally.map((o) => o.id)),
  );

  // The recovery paths were really taken: a publish cut off was republished; an effect cut off was redone.
  for (const life of lives) {
    const [point, id] = life.killed ?? [];
    if (point === 'after-commit')
      expect(count(lives, 'published', id!), `${id} never published`).toBeGreaterThan(0);
    if (point === 'after-publish')
      expect(count(lives, 'published', id!), `${id} not republished`).toBeGreaterThan(1);
    if (point === 'after-inbox')
      expect(count(lives, 'received', id!), `${id} not redelivered`).toBeGreaterThan(1);
    if (point === 'mid-effect') expect(count(lives, 'apply', id!), `${id} not re-applied`).toBeGreaterThan(1);
  }

  // The kernel's audit log (written in the same transactions) survives the same crashes.
  expect(state.audit.ledger).toMatchObject({ ok: true, problems: [] });
  expect(state.audit.tally).toMatchObject({ ok: true, problems: [] });
}
