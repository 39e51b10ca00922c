import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type AgencyApp, createAgencyApp } from '../app/create.ts';
import { defineAgencyApp } from '../app/define.ts';
import { type ServingApp, serveAgencyApp } from '../app/serve.ts';
import { noteApp } from '../app/test-app.fixture.ts';
import type { AppDatabase } from '../db/database.ts';
import { DomainError } from '../errors/domain-error.ts';
import { createTokenVerifier } from '../identity/verifier.ts';
import { defineEvent } from '../messaging/contract.ts';
import { createNetwork } from '../network/connect.ts';
import type { RegistryClient } from '../network/registry-client.ts';
import { databaseTargets, freshDatabase, silentLogger, testIdentity } from '../testing/index.ts';
import { kernelTRPC } from '../trpc/kernel-trpc.ts';
import { defineStep, type StepContext } from './define.ts';

/*
 * A caller app books something at a callee in one cross-agency step: two
 * calls to the callee's `notes.add` (a kernel mutation, idempotent by key,
 * with no business key of its own: a second effect would be a second note),
 * then its own booking row and an event, in the request's transaction. The
 * test injects failures between the callee's commits and the caller's.
 */
interface CallerDatabase {
  booking: { id: string; note_ids: string; booked_by: string; booked_at: Date };
}
type NoteRouter = typeof noteApp.router;

const bookingMade = defineEvent(
  'kernel-caller.booking.made.v1',
  z.object({ id: z.uuid(), noteIds: z.array(z.number().int()) }),
);

/** Runs after the step's calls, before it writes the booking: where the tests break things. */
let afterCalls: ((ctx: StepContext<CallerDatabase>) => Promise<void>) | undefined;
/** The backoff after a failure that may pass: a minute, so only a test's own pass (or a restart) resumes. */
let retryAfterMs = 60_000;
/** The second call: `notes.fail` makes the callee refuse it. */
let secondCall: 'notes.add' | 'notes.fail' = 'notes.add';

const BookInput = z.strictObject({ id: z.uuid(), text: z.string().min(1).max(50) });

const bookStep = defineStep<CallerDatabase>()({
  name: 'bookings.make',
  input: BookInput,
  run: async (ctx, input) => {
    const existing = await ctx.db
      .selectFrom('booking')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (existing) return { id: existing.id, noteIds: JSON.parse(existing.note_ids) as number[] };
    const callee = ctx.connect<NoteRouter>('kernel-callee');
    const first = await callee.notes.add.mutate({ text: `${input.text} 1` });
    const second =
      secondCall === 'notes.add'
        ? await callee.notes.add.mutate({ text: `${input.text} 2` })
        : ((await callee.notes.fail.mutate()) as never);
    await afterCalls?.(ctx);
    const noteIds = [first.id, second.id];
    await ctx.db
      .insertInto('booking')
      .values({ id: input.id, note_ids: JSON.stringify(noteIds), booked_by: ctx.by, booked_at: ctx.at })
      .execute();
    ctx.audit.objects(`booking:${input.id}`);
    await ctx.publish(bookingMade, { id: input.id, noteIds });
    return { id: input.id, noteIds };
  },
});

const t = kernelTRPC<CallerDatabase>();
const callerApp = defineAgencyApp<CallerDatabase>({
  name: 'kernel-caller',
  zone: 'internal',
  migrations: {
    '20261212T1000_create_booking': {
      up: async (db) => {
        await db.schema
          .createTable('booking')
          .addColumn('id', 'uuid', (c) => c.primaryKey())
          .addColumn('note_ids', 'text', (c) => c.notNull())
          .addColumn('booked_by', 'text', (c) => c.notNull())
          .addColumn('booked_at', 'timestamptz', (c) => c.notNull())
          .execute();
      },
    },
  },
  steps: [bookStep],
  router: t.appRouter({
    bookings: t.router({
      make: t.procedure
        .requires('kernel-caller.booking.make')
        .input(BookInput)
        .mutation(({ ctx, input }) => ctx.step(bookStep, input)),
      count: t.procedure
        .requires('kernel-caller.booking.make')
        .query(({ ctx }) => ctx.step(bookStep, {} as never)),
    }),
  }),
});

describe.each(databaseTargets())('cross-agency steps on $name', (target) => {
  let identity: Awaited<ReturnType<typeof testIdentity>>;
  let calleeDb: AppDatabase<any>;
  let callee: AgencyApp<any>;
  let serving: ServingApp;
  let callerSchema: string;
  let caller: AgencyApp<CallerDatabase>;
  let token: string;

  const registry = (url: string): RegistryClient => ({
    register: async () => {},
    resolve: async (name) => ({ name, zone: 'internal', baseUrl: url, version: 'test' }),
    forget: () => {},
  });
  /** Starts (or restarts, on the same schema) the caller, the way a host does: built, then given its network. */
  const startCaller = async (pollMs: number) => {
    const app = await createAgencyApp(callerApp, {
      database: target.config(callerSchema),
      verifyToken: identity.verifyToken,
      logger: silentLogger(),
      steps: { pollMs, backoff: () => retryAfterMs },
    });
    app.attachNetwork(
      createNetwork({
        self: { name: 'kernel-caller', zone: 'internal' },
        registry: registry(serving.url),
        tokens: {
          get: (audience) =>
            identity.serviceToken({
              app: 'kernel-caller',
              permissions: ['kernel-test.note.create'],
              audience,
            }),
        },
        retryBaseMs: 1,
      }),
    );
    return app;
  };
  const make = (input: { id: string; text: string }) =>
    caller.hono.request('/trpc/bookings.make', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input),
    });
  const notes = async (prefix: string) =>
    (
      await sql<{ id: number; text: string }>`select id, text from ${sql.table(`${calleeDb.schema}.note`)}
        where text like ${`${prefix}%`} order by id`.execute(calleeDb.db)
    ).rows;
  const pending = async (app = caller) =>
    (app.database.db as unknown as Kysely<any>).selectFrom('pending_step').selectAll().execute();
  const stepOf = async (id: string, app = caller) =>
    (await pending(app)).find((r) => (r.input as { id: string }).id === id);
  const callsOf = async (key: string, app = caller) =>
    (app.database.db as unknown as Kysely<any>)
      .selectFrom('pending_step_call')
      .select(['target', 'procedure', 'key'])
      .where('step_key', '=', key)
      .orderBy('recorded_at')
      .orderBy('key')
      .execute();
  const bookings = (app = caller) => app.database.db.selectFrom('booking').selectAll().execute();
  const events = async (app = caller) =>
    (app.database.db as unknown as Kysely<any>)
      .selectFrom('outbox')
      .select(['name', 'payload'])
      .where('name', '=', bookingMade.name)
      .execute();
  const audit = async (db: AppDatabase<any>) =>
    (await sql<any>`select * from ${sql.table(`${db.schema}.audit_record`)} order by seq`.execute(db.db))
      .rows;

  beforeAll(async () => {
    identity = await testIdentity('kernel-caller');
    calleeDb = await freshDatabase(target, 'kernel_callee');
    callee = await createAgencyApp(defineAgencyApp({ ...noteApp, name: 'kernel-callee' }), {
      database: calleeDb,
      verifyToken: createTokenVerifier({
        keys: { jwks: { keys: [identity.key.publicJwk] } },
        audience: 'kernel-callee',
      }),
      logger: silentLogger(),
    });
    serving = await serveAgencyApp(callee, { port: 0 });
    const schema = await freshDatabase(target, 'kernel_caller');
    callerSchema = schema.schema;
    await schema.close();
    // The loop's first pass runs at start; the next one only in a minute, so the tests' own passes decide.
    caller = await startCaller(60_000);
    token = await identity.officialToken({ permissions: ['kernel-caller.booking.make'], username: 'clerk' });
  });
  afterAll(async () => {
    await caller.database.dropSchema();
    await caller.close();
    await calleeDb.dropSchema();
    // Drains and closes the callee, and its database.
    await serving.stop();
  });

  it('records the step before its first call, sends keyed calls, and marks it done with the results', async () => {
    const id = crypto.randomUUID();
    const res = await make({ id, text: `happy ${id}` });
    expect(res.status).toBe(200);
    const made = await notes(`happy ${id}`);
    expect(made).toHaveLength(2);
    expect((await bookings()).find((b) => b.id === id)?.note_ids).toBe(JSON.stringify(made.map((n) => n.id)));
    const step = await stepOf(id);
    expect(step).toMatchObject({
      step: 'bookings.make',
      status: 'done',
      actor: 'official:clerk',
      attempts: 0,
    });
    const calls = await callsOf(step!.key);
    expect(calls.map((c) => `${c.target}/${c.procedure}`)).toEqual([
      'kernel-callee/notes.add',
      'kernel-callee/notes.add',
    ]);
    expect(new Set(calls.map((c) => c.key)).size).toBe(2);
    const record = (await audit(caller.database)).at(-1);
    expect(record).toMatchObject({ actor: 'official:clerk', procedure: 'bookings.make', outcome: 'ok' });
    expect(record.object_ids).toEqual(
      expect.arrayContaining([`step:${step!.key}`, `booking:${id}`, 'call-out:kernel-callee/notes.add']),
    );
  });

  it('resumes at start a step whose caller died after the callee committed: no second effect, nothing lost', async () => {
    const id = crypto.randomUUID();
    // The caller's transaction dies with its connection, as it does when the process is killed.
    afterCalls = async (ctx) => {
      await sql`select pg_terminate_backend(pg_backend_pid())`.execute(ctx.db);
    };
    // A killed process notes nothing; this one notes a lost connection as a failure that may pass, due now.
    retryAfterMs = 0;
    const died = await make({ id, text: `died ${id}` });
    afterCalls = undefined;
    retryAfterMs = 60_000;
    expect(died.status).toBe(500);
    const sent = await notes(`died ${id}`);
    // The gap: the callee holds both effects, the caller nothing but its record of the step.
    expect(sent).toHaveLength(2);
    expect((await bookings()).some((b) => b.id === id)).toBe(false);
    const before = await stepOf(id);
    expect(before).toMatchObject({ status: 'pending' });
    const calls = await callsOf(before!.key);
    expect(calls).toHaveLength(2);

    // A restart: a new instance of the caller on the same database resumes it when its network is attached.
    await caller.close();
    caller = await startCaller(100);
    await until(async () => (await stepOf(id))?.status === 'done');
    const booking = (await bookings()).find((b) => b.id === id);
    // The callee answered the resumed calls from its idempotency store: the first notes, no third or fourth.
    expect(await callsOf(before!.key)).toEqual(calls);
    expect(booking?.note_ids).toBe(JSON.stringify(sent.map((n) => n.id)));
    expect(await notes(`died ${id}`)).toEqual(sent);
    expect(booking?.booked_by).toBe('official:clerk');
    expect((await events()).filter((e) => (e.payload as { id: string }).id === id)).toHaveLength(1);
    const replays = (await audit(calleeDb)).filter((r) =>
      r.object_ids.some((o: string) => o.startsWith('idempotency-replay:')),
    );
    expect(replays.map((r) => r.object_ids[0])).toEqual(
      expect.arrayContaining(calls.map((c) => `idempotency-replay:${c.key}`)),
    );
    const resumed = (await audit(caller.database)).filter((r) => r.object_ids.includes(`booking:${id}`));
    expect(resumed).toEqual([
      expect.objectContaining({
        actor: 'service:kernel-caller',
        subject: 'official:clerk',
        procedure: 'bookings.make',
        kind: 'mutation',
        outcome: 'ok',
        trace_id: before!.trace_id,
      }),
    ]);
  });

  it('leaves alone a step whose request is still in flight', async () => {
    const id = crypto.randomUUID();
    let release!: () => void;
    let reached!: () => void;
    const atCalls = new Promise<void>((r) => {
      reached = r;
    });
    afterCalls = () => {
      reached();
      return new Promise<void>((r) => {
        release = r;
      });
    };
    const request = make({ id, text: `inflight ${id}` });
    await atCalls;
    afterCalls = undefined;
    expect(await stepOf(id)).toMatchObject({ status: 'pending' });
    expect(await caller.steps!.runOnce()).toBe(0);
    expect(await stepOf(id)).toMatchObject({ status: 'pending', attempts: 0 });
    release();
    expect((await request).status).toBe(200);
    expect(await stepOf(id)).toMatchObject({ status: 'done' });
    expect(await notes(`inflight ${id}`)).toHaveLength(2);
    expect((await bookings()).filter((b) => b.id === id)).toHaveLength(1);
  });

  it('retries with backoff a step whose callee was down, and completes it once the callee answers', async () => {
    const id = crypto.randomUUID();
    afterCalls = async () => {
      throw new DomainError('UNAVAILABLE', 'the callee went away');
    };
    const down = await make({ id, text: `down ${id}` });
    afterCalls = undefined;
    expect(down.status).toBe(503);
    const noted = await stepOf(id);
    expect(noted).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'UNAVAILABLE: the callee went away',
    });
    // Not due yet (the backoff is a minute): a pass leaves it.
    await caller.steps!.runOnce();
    expect(await stepOf(id)).toMatchObject({ status: 'pending', attempts: 1 });
    await (caller.database.db as unknown as Kysely<any>)
      .updateTable('pending_step')
      .set({ next_attempt_at: new Date(0) })
      .where('key', '=', noted!.key)
      .execute();
    expect(await caller.steps!.runOnce()).toBeGreaterThanOrEqual(1);
    expect(await stepOf(id)).toMatchObject({ status: 'done' });
    const sent = await notes(`down ${id}`);
    expect(sent).toHaveLength(2);
    expect((await bookings()).find((b) => b.id === id)?.note_ids).toBe(JSON.stringify(sent.map((n) => n.id)));
  });

  it('ends a step the callee refused as failed, and does not resume it', async () => {
    const id = crypto.randomUUID();
    secondCall = 'notes.fail';
    const refused = await make({ id, text: `refused ${id}` });
    secondCall = 'notes.add';
    expect(refused.status).toBe(409);
    expect(await stepOf(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await caller.steps!.runOnce()).toBe(0);
    expect(await stepOf(id)).toMatchObject({ status: 'failed' });
    expect((await bookings()).some((b) => b.id === id)).toBe(false);
  });

  it('records nothing for a step that makes no call, and refuses steps in queries and unregistered steps', async () => {
    const before = (await pending()).length;
    const id = crypto.randomUUID();
    await make({ id, text: `once ${id}` });
    const after = (await pending()).length;
    // The same booking again: the step finds it and calls nobody, so it records nothing.
    expect((await make({ id, text: `once ${id}` })).status).toBe(200);
    expect((await pending()).length).toBe(after);
    expect(after).toBe(before + 1);
    const query = await caller.hono.request('/trpc/bookings.count', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(query.status).toBe(400);
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
