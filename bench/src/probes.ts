import type { Profiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import pg from 'pg';

/*
 * Diagnostics a benchmark installs for its own run and removes afterwards:
 * every PostgreSQL statement the process sends (through node-postgres, which
 * the kernel's PostgreSQL engine uses), and every `fetch` it makes (the
 * officials' clients and the kernel's network client both use the global
 * one). Counting costs a few hundred nanoseconds a call, on both sides alike.
 */

export interface Tally {
  n: number;
  /** Summed wall time from the call to its answer, as Node sees it (includes waiting for the event loop). */
  ms: number;
}

export type Tallies = Map<string, Tally>;

function add(tallies: Tallies, key: string, ms: number) {
  const t = tallies.get(key) ?? { n: 0, ms: 0 };
  t.n += 1;
  t.ms += ms;
  tallies.set(key, t);
}

/** The difference of two snapshots of a running tally. */
export function tallyBetween(before: Tallies, after: Tallies): Tallies {
  const out: Tallies = new Map();
  for (const [key, t] of after) {
    const b = before.get(key) ?? { n: 0, ms: 0 };
    if (t.n > b.n) out.set(key, { n: t.n - b.n, ms: t.ms - b.ms });
  }
  return out;
}

const snapshot = (tallies: Tallies): Tallies => new Map([...tallies].map(([k, t]) => [k, { ...t }]));

/**
 * What a statement is about: transaction control; the kernel's own tables
 * (audit log, outbox and inbox, idempotency keys); otherwise the app whose
 * schema it names (Kysely qualifies every table with the app's schema).
 */
export function classifyStatement(text: string): string {
  const head = text.trimStart().slice(0, 20).toLowerCase();
  if (/^(begin|commit|rollback|savepoint|release|start transaction)/.test(head)) return 'begin/commit';
  if (text.includes('"audit_')) return 'kernel: audit';
  if (text.includes('"outbox"') || text.includes('"inbox"')) return 'kernel: outbox/inbox';
  if (text.includes('"idempotency_key"')) return 'kernel: idempotency';
  const schema = /"(platform|golden_[a-z_]+)"\./.exec(text)?.[1];
  return schema ? schema.replace(/_/g, '-') : 'other';
}

/**
 * Counts and times every statement sent through `pg.Client#query` (pooled
 * clients included), by `classifyStatement`, until `stop()`.
 */
export function countStatements(): { read(): Tallies; stop(): void } {
  const tallies: Tallies = new Map();
  const proto = pg.Client.prototype as any;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: any[]) {
    const result = original.apply(this, args);
    const text = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
    // The benchmarks' own probes (sampleSessions) are not the apps' work.
    if (result && typeof result.then === 'function' && !text.includes('pg_stat_activity')) {
      const started = performance.now();
      const done = () => add(tallies, classifyStatement(text), performance.now() - started);
      result.then(done, done);
    }
    return result;
  };
  return {
    read: () => snapshot(tallies),
    stop: () => {
      proto.query = original;
    },
  };
}

/** Times every global `fetch` by the `name` of the origin it goes to (`origins`: origin → name), until `stop()`. */
export function timeFetches(origins: Map<string, string>): { read(): Tallies; stop(): void } {
  const tallies: Tallies = new Map();
  const original = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const started = performance.now();
    try {
      const response = await original(input, init);
      // The body is read by the caller; tRPC reads it at once, so the answer's arrival is close enough.
      return response;
    } finally {
      add(tallies, origins.get(new URL(url).origin) ?? 'other', performance.now() - started);
    }
  };
  return {
    read: () => snapshot(tallies),
    stop: () => {
      globalThis.fetch = original;
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const WEB = 'web';
/** Node's web Request/Response, streams, AbortSignal and fetch: undici and friends. */
const isWeb = (url: string) =>
  /deps\/undici|webstreams|abort_controller|domexception|js_transferable/.test(url);

/** Who made web-platform work happen: the server adapters or the clients. */
function webCaller(owner: string | null): string {
  if (owner === null) return 'web Request/Response, streams, fetch (undici): async, no caller on the stack';
  if (/hono|tRPC server/.test(owner))
    return 'web Request/Response, streams (undici): server side (Hono node-server, tRPC)';
  if (/tRPC client|kernel source \(network\)/.test(owner))
    return 'web Request/Response, streams, fetch (undici): client side (kernel network client, tRPC client)';
  return `web Request/Response, streams, fetch (undici): called from ${owner}`;
}

/** The component a frame's code belongs to, or null for Node's own internals (charged to their caller). */
function ownerOf(url: string): string | null {
  if (isWeb(url)) return WEB;
  const pkg = /node_modules\/\.pnpm\/([^/]+)\//.exec(url)?.[1]?.replace(/@\d[^_]*(_.*)?$/, '');
  if (pkg) {
    const known: Record<string, string> = {
      pg: 'pg driver (incl. its socket writes)',
      'pg-protocol': 'pg driver (incl. its socket writes)',
      'pg-pool': 'pg driver (incl. its socket writes)',
      'pg-types': 'pg driver (incl. its socket writes)',
      'postgres-date': 'pg driver (incl. its socket writes)',
      kysely: 'kysely (building and compiling SQL)',
      '@trpc+server': 'tRPC server',
      '@trpc+client': 'tRPC client',
      zod: 'zod',
      hono: 'hono, node-server and node:http',
      '@hono+node-server': 'hono, node-server and node:http',
      '@hono+trpc-server': 'hono, node-server and node:http',
      jose: 'jose (token signatures)',
    };
    return known[pkg] ?? `other packages (${pkg})`;
  }
  const kernel = /\/packages\/kernel\/src\/([^/]+)\//.exec(url)?.[1];
  if (kernel) return `kernel source (${kernel})`;
  const app = /\/apps\/([^/]+)\//.exec(url)?.[1];
  if (app) return `app source (${app})`;
  if (url.includes('/packages/standards/')) return 'app source (standards)';
  if (/_http_|node:http/.test(url)) return 'hono, node-server and node:http';
  return null;
}

/**
 * A V8 CPU profile's samples grouped by the component whose code was
 * running: each sample goes to the nearest frame (from the leaf up) that
 * belongs to a package, the kernel or an app, so a socket write made by the
 * pg driver counts as the driver's. Shares of the sampled wall time.
 */
export function profileGroups(profile: {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}): { group: string; share: number }[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const groups = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const dt = deltas[i] ?? 0;
    total += dt;
    const leaf = nodes.get(id)!.callFrame.functionName;
    let group: string | null = ['(idle)', '(garbage collector)', '(program)'].includes(leaf) ? leaf : null;
    let cur: number | undefined = id;
    for (; !group && cur !== undefined; cur = parent.get(cur)) group = ownerOf(nodes.get(cur)!.callFrame.url);
    if (group === WEB) {
      // Charged to whoever called into it: the next frame up that is not web-platform code.
      let caller: string | null = null;
      for (; caller === null && cur !== undefined; cur = parent.get(cur)) {
        const owner = ownerOf(nodes.get(cur)!.callFrame.url);
        if (owner !== WEB) caller = owner;
      }
      group = webCaller(caller);
    }
    group ??= 'Node internals (microtasks, timers, sockets)';
    groups.set(group, (groups.get(group) ?? 0) + dt);
  });
  return [...groups].map(([group, t]) => ({ group, share: t / total })).sort((a, b) => b.share - a.share);
}

/**
 * Samples, every `everyMs` until `stop()`, how many sessions of database `name`
 * are waiting on a lock and how many are in a transaction or a statement
 * (pg_stat_activity, from a connection of its own): means over the samples.
 */
export function sampleSessions(
  baseUrl: string,
  name: string,
  everyMs = 100,
): { stop(): Promise<{ lockWaits: number; busy: number; samples: number }> } {
  const client = new pg.Client({ connectionString: baseUrl });
  let lockWaits = 0;
  let busy = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(
        `select count(*) filter (where wait_event_type = 'Lock')::int as lock_waits,
                count(*) filter (where state <> 'idle')::int as busy
           from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
        [name],
      );
      lockWaits += rows[0].lock_waits;
      busy += rows[0].busy;
      samples += 1;
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { lockWaits: lockWaits / Math.max(1, samples), busy: busy / Math.max(1, samples), samples };
    },
  };
}

/**
 * Runs `work` under the V8 sampling profiler on this thread (every
 * `intervalUs` microseconds when given, else V8's default) and returns its
 * result with the profile.
 */
export async function profiled<T>(
  work: () => Promise<T>,
  options: { intervalUs?: number } = {},
): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    if (options.intervalUs)
      await session.post('Profiler.setSamplingInterval', { interval: options.intervalUs });
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/** A profile's sampled main-thread time by component (`profileGroups`), a line each, those of 0.5 % or more. */
export function profileLines(profile: Profiler.Profile): string[] {
  return profileGroups(profile as never)
    .filter((g) => g.share >= 0.005)
    .map((g) => `    ${(100 * g.share).toFixed(1).padStart(5)} %  ${g.group}`);
}
