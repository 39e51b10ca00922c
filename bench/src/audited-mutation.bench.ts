import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAgencyApp, defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import { createDatabase, type DatabaseConfig } from '@egov/kernel/db';
import type { Principal, TokenVerifier } from '@egov/kernel/identity';
import { silentLogger, testIdentity, uniqueSchema } from '@egov/kernel/testing';
import { kernelTRPC } from '@egov/kernel/trpc';
import { serve } from '@hono/node-server';
import { trpcServer } from '@hono/trpc-server';
import { initTRPC } from '@trpc/server';
import { Hono } from 'hono';
import { decodeJwt } from 'jose';
import type { Generated, Kysely } from 'kysely';
import { z } from 'zod';
import { type LoadResult, loadSides, type Side, type SideResult } from './load.ts';
import { benchDatabase, benchSeconds, num, type Report } from './measure.ts';

interface BenchNotesDatabase {
  note: { id: Generated<number>; text: string };
  /** The same columns and index as the kernel's `audit_record`, for the "bare + audit row" side. */
  audit_like: {
    seq: Generated<string>;
    at: Date;
    actor: string;
    actor_agency: string | null;
    subject: string | null;
    service: string;
    procedure: string;
    kind: string;
    object_ids: string;
    outcome: string;
    error_code: string | null;
    source_address: string | null;
    trace_id: string;
    request_id: string;
  };
}

const NoteInput = z.strictObject({ text: z.string().min(1).max(100) });

/** The one service function every side runs: insert a note, return its id. */
async function addNote(db: Kysely<BenchNotesDatabase>, text: string): Promise<{ id: number }> {
  return db.insertInto('note').values({ text }).returning('id').executeTakeFirstOrThrow();
}

const { router, appRouter, procedure } = kernelTRPC<BenchNotesDatabase>();

/** A tiny agency app: one audited mutation that inserts one row. */
export const benchNotes = defineAgencyApp<BenchNotesDatabase>({
  name: 'bench-notes',
  zone: 'internal',
  migrations: {
    '20261126T0000_create_note': {
      up: async (db) => {
        await db.schema
          .createTable('note')
          .addColumn('id', 'serial', (c) => c.primaryKey())
          .addColumn('text', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_like')
          .addColumn('seq', 'bigserial', (c) => c.primaryKey())
          .addColumn('at', 'timestamptz', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('actor_agency', 'text')
          .addColumn('subject', 'text')
          .addColumn('service', 'text', (c) => c.notNull())
          .addColumn('procedure', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('object_ids', 'jsonb', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('error_code', 'text')
          .addColumn('source_address', 'text')
          .addColumn('trace_id', 'text', (c) => c.notNull())
          .addColumn('request_id', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('audit_like_at').on('audit_like').column('at').execute();
      },
    },
  },
  router: appRouter({
    notes: router({
      add: procedure
        .requires('bench-notes.note.create')
        .input(NoteInput)
        .mutation(({ ctx, input }) => addNote(ctx.db, input.text)),
    }),
  }),
});

/** The bare servers' router: no kernel; the same insert in a transaction, with and without an audit-like row. */
export function bareRouter(db: Kysely<BenchNotesDatabase>) {
  const t = initTRPC.create();
  return t.router({
    notes: t.router({
      add: t.procedure
        .input(NoteInput)
        .mutation(({ input }) => db.transaction().execute((trx) => addNote(trx, input.text))),
      addAudited: t.procedure.input(NoteInput).mutation(({ input }) =>
        db.transaction().execute(async (trx) => {
          const note = await addNote(trx, input.text);
          await trx
            .insertInto('audit_like')
            .values({
              at: new Date(),
              actor: 'official:bench',
              actor_agency: 'bench-agency',
              subject: null,
              service: 'bench-notes',
              procedure: 'notes.addAudited',
              kind: 'mutation',
              object_ids: JSON.stringify([]),
              outcome: 'ok',
              error_code: null,
              source_address: '127.0.0.1',
              trace_id: randomBytes(16).toString('hex'),
              request_id: randomUUID(),
            })
            .execute();
          return note;
        }),
      ),
    }),
  });
}

/**
 * The proposal, prototyped without touching the kernel (the app host takes any `verifyToken`): a
 * verified token is remembered until it expires, so a repeated token skips the signature check.
 * (A real one must still run the revocation check on every hit.)
 */
function cachingVerifier(verify: TokenVerifier, max = 10_000): TokenVerifier {
  const cache = new Map<string, { principal: Principal; exp: number }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit && hit.exp > Date.now() / 1000) return hit.principal;
    const principal = await verify(token);
    if (cache.size >= max) cache.delete(cache.keys().next().value!);
    cache.set(token, { principal, exp: decodeJwt(token).exp ?? 0 });
    return principal;
  };
}

/** Requests per second of each side. */
export interface AuditedMutationFigures {
  kernel: number;
  bare: number;
  bareWithAuditRow: number;
}

async function onDatabase(
  label: string,
  config: DatabaseConfig,
  seconds: number,
  options: { tokenCache?: boolean; out?: { figures?: AuditedMutationFigures } } = {},
): Promise<string[]> {
  const identity = await testIdentity('bench-notes');
  // A second handle keeps the engine open after the app closes, to drop the schema.
  const keeper = await createDatabase<BenchNotesDatabase>(config);
  const cached = cachingVerifier(identity.verifyToken);
  let useCache = false;
  const app = await createAgencyApp(benchNotes, {
    database: config,
    verifyToken: (token) => (useCache ? cached(token) : identity.verifyToken(token)),
    logger: silentLogger(),
  });
  const kernel = await serveAgencyApp(app, { port: 0 });
  const hono = new Hono().use(
    '/trpc/*',
    trpcServer({ router: bareRouter(app.database.db), endpoint: '/trpc' }),
  );
  const bareServer = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const bare = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/trpc`;
  const token = await identity.officialToken({ permissions: ['bench-notes.note.create'], ttlSeconds: 3600 });
  const post = {
    method: 'POST' as const,
    body: JSON.stringify({ text: 'benchmark note' }),
    headers: { 'content-type': 'application/json' },
  };
  const kernelSide = (name: string, cache: boolean): Side => ({
    name,
    ...post,
    url: `${kernel.url}/trpc/notes.add`,
    headers: { ...post.headers, authorization: `Bearer ${token}` },
    before: () => {
      useCache = cache;
    },
    after: () => app.audit.flush(),
  });
  try {
    const results = await loadSides(
      [
        kernelSide('kernel', false),
        { name: 'bare', ...post, url: `${bare}/notes.add` },
        { name: 'bare + audit row', ...post, url: `${bare}/notes.addAudited` },
        ...(options.tokenCache ? [kernelSide('kernel + token cache', true)] : []),
      ],
      seconds,
      { profileFirstTo: process.env.BENCH_PROFILE_OUT },
    );
    const base = results.get('bare')!;
    if (options.out)
      options.out.figures = {
        kernel: results.get('kernel')!.requestsPerSecond,
        bare: base.requestsPerSecond,
        bareWithAuditRow: results.get('bare + audit row')!.requestsPerSecond,
      };
    const cost = (r: LoadResult) => base.requestsPerSecond / r.requestsPerSecond;
    const f = (r: SideResult) =>
      `${num(r.requestsPerSecond)} req/s (p99 ${r.p99Ms} ms; server main thread ${num(r.busyUsPerRequest)} µs/req)`;
    const lines = [`  ${label}`];
    const order = ['bare', 'bare + audit row', 'kernel', 'kernel + token cache'];
    for (const [name, r] of [...results].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))) {
      const verdict = cost(r) <= 1.5 ? 'met' : 'NOT met';
      lines.push(
        `    ${`${name}:`.padEnd(22)}${f(r)}` +
          (name === 'bare' ? '' : `  cost ${cost(r).toFixed(2)}x of bare`) +
          (name === 'kernel' ? ` (target <= 1.5x: ${verdict})` : ''),
      );
    }
    return lines;
  } finally {
    await new Promise((r) => bareServer.close(r));
    await kernel.stop();
    await keeper.dropSchema().catch(() => {});
    await keeper.close();
  }
}

/** A fresh schema for the notes app, with a pool of 10. */
const notesConfig = (url: string): DatabaseConfig => ({
  kind: 'postgres',
  url,
  schema: uniqueSchema('bench_notes'),
  poolSize: 10,
});

/**
 * One audited mutation (insert one row) over HTTP through the kernel app host
 * (token verification, permission, zod input, one transaction with the row
 * and its audit record, the audit sequencer folding records into the Merkle
 * tree every second, request ids, metrics, silent logs) versus a bare Hono +
 * tRPC server doing the same insert in a transaction on the same database,
 * and the bare server with one extra insert into a table shaped like
 * `audit_record` in the same transaction: the difference between the last
 * two is the audit row, the rest is the kernel. On PostgreSQL (`benchDatabase()`).
 */
export const auditedMutationBenchmark = {
  name: 'audited mutation',
  async run(): Promise<Report<AuditedMutationFigures | undefined>> {
    const seconds = benchSeconds();
    const lines = [
      this.name,
      `  method:   autocannon, 10 connections, POST one insert; each side ${seconds} s in two halves ` +
        '(order K B A A B K, after a 1 s warm-up each); req/s averaged over the halves, p99 the worse half; ' +
        'cost = bare req/s ÷ side req/s; µs/req = busy time of the server event loop ' +
        '(performance.eventLoopUtilization) ÷ requests',
    ];
    const server = await benchDatabase();
    const config = notesConfig(server.url);
    const out: { figures?: AuditedMutationFigures } = {};
    lines.push(
      ...(await onDatabase(`${server.label} (pool 10, schema ${config.schema})`, config, seconds, { out })),
    );
    return { text: lines.join('\n'), figures: out.figures };
  },
};

/**
 * Not part of the default run (`pnpm bench "audited mutation profile"`): the
 * three sides plus the kernel with a verified-token cache (a prototype of the proposal, injected
 * through `verifyToken`), to show how much of the kernel's cost is token signature checking.
 */
export const auditedMutationProfileBenchmark = {
  name: 'audited mutation profile',
  optIn: true,
  async run(): Promise<string> {
    const seconds = benchSeconds();
    const server = await benchDatabase();
    const config = notesConfig(server.url);
    return [
      this.name,
      `  method:   as "audited mutation", four sides in the order K B A C C A B K, ${seconds} s each`,
      ...(await onDatabase(`${server.label} (pool 10, schema ${config.schema})`, config, seconds, {
        tokenCache: true,
      })),
    ].join('\n');
  },
};
