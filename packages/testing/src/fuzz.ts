import type { AnyRouter } from '@trpc/server';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import {
  arbitraryOf,
  hostileNumbers,
  hostileStrings,
  type Path,
  placesOf,
  REMOVE,
  replaceAt,
  wrongTypes,
} from './arbitrary.ts';
import { type TrpcResponse, trpcHttp, uncounted } from './boot.ts';

/*
 * The kernel's fuzz test of an app: every procedure of its router, called over HTTP (a token holding
 * every permission the app declares) with inputs generated from the procedure's own zod input schema,
 * valid and mutated: hostile strings (NUL, C0/C1 controls, bidi overrides, lone surrogates), numbers
 * past 2^53 and every bound, unknown fields, wrong types, missing fields. The rules, for every call:
 *
 * - the answer is 2xx or 4xx, never 5xx (but the 503 of a call to another app, which a booted app
 *   cannot reach);
 * - a 400 names each refused field and its rule (`data.issues: [{ path, rule }]`);
 * - a hostile string is refused (400) naming its field and the text policy's rule;
 * - an unknown field is refused (400, `unrecognized_keys`) at the object that got it;
 * - a refused mutation writes nothing: the app's row counts (audit and migration tables aside) are
 *   the same after it as before.
 */

export type FuzzCase =
  | 'valid'
  | 'hostile_string'
  | 'hostile_number'
  | 'unknown_field'
  | 'wrong_type'
  | 'missing';
const CASES: FuzzCase[] = [
  'valid',
  'hostile_string',
  'hostile_number',
  'unknown_field',
  'wrong_type',
  'missing',
];

export interface FuzzFinding {
  procedure: string;
  case: FuzzCase;
  /** The mutated place, dotted as the kernel names fields. */
  place: string;
  rule: string;
  status: number;
  input: unknown;
  answer: unknown;
}

export interface FuzzReport {
  calls: number;
  procedures: number;
  /** Answers by HTTP status. */
  statuses: Record<number, number>;
  findings: FuzzFinding[];
}

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs?: z.core.$ZodType[] };
}

/** The dotted name of a place, as the kernel's issues name fields (`lines.0.amount`, `(input)` for the root). */
export const placeName = (path: Path) => path.map(String).join('.') || '(input)';

/**
 * Fuzzes every procedure of `router` served by `hono`, `runs` inputs each (cycling through the cases
 * above), and returns what broke the rules. `counts` gives the app's row counts (for the write check).
 *
 * @example
 * const report = await fuzzRouter({ hono: app.hono, router, token, counts, runs: 60 });
 * expect(report.findings).toEqual([]);
 */
export async function fuzzRouter(options: {
  hono: Hono;
  router: AnyRouter;
  token: string;
  counts: () => Promise<Record<string, number>>;
  runs: number;
  seed?: number;
  /** Procedures left out, by path (say why where you call this). */
  skip?: (path: string) => boolean;
  /** Told after each procedure: its path, calls made and milliseconds taken. */
  progress?: (path: string, calls: number, ms: number) => void;
}): Promise<FuzzReport> {
  const { hono, router, token, counts, runs, seed = 20261203 } = options;
  const report: FuzzReport = { calls: 0, procedures: 0, statuses: {}, findings: [] };
  const procedures = router._def.procedures as Record<string, ProcedureDef>;
  for (const [path, procedure] of Object.entries(procedures).sort(([a], [b]) => a.localeCompare(b))) {
    const type = procedure._def.type;
    if (type === 'subscription' || options.skip?.(path)) continue;
    report.procedures += 1;
    const started = performance.now();
    const inputs = procedure._def.inputs ?? [];
    const base = inputs.length > 0 ? arbitraryOf(inputs[0]!) : fc.constant(undefined);
    const samples = fc.sample(fc.tuple(base, fc.nat(), fc.nat(), fc.nat()), { numRuns: runs, seed });
    for (let i = 0; i < samples.length; i++) {
      const [valid, a, b, c] = samples[i]!;
      const kind = CASES[i % CASES.length]!;
      const { input, place, expect } = mutate(kind, valid, a, b, c);
      const before = type === 'mutation' ? await counts() : undefined;
      let answer: TrpcResponse;
      try {
        answer = await trpcHttp(hono, path, { type, input, token });
      } catch (error) {
        // Not JSON at all (a crash page): as bad as a 500.
        answer = {
          status: 599,
          error: { message: String(error), data: { code: 'NOT_JSON', httpStatus: 599 } },
        };
      }
      report.calls += 1;
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
      const finding = (rule: string) =>
        report.findings.push({
          procedure: path,
          case: kind,
          place: placeName(place),
          rule,
          status: answer.status,
          input,
          answer: answer.error ?? answer.data,
        });
      // A booted app has no network client: a call that reaches another app gets the kernel's 503 for
      // that, which says nothing of this app (the network suites test those calls).
      const offline =
        answer.status === 503 && /runs without the network client/.test(answer.error?.message ?? '');
      if (answer.status >= 500 && !offline) finding('no 5xx');
      if (answer.status === 400) {
        const issues = answer.error?.data.issues ?? [];
        if (issues.length === 0 || issues.some((i) => !i.path || !i.rule))
          finding('a 400 names each refused field and its rule');
        else if (expect && !issues.some((i) => i.path === placeName(place) && expect.test(i.rule)))
          finding(`refused at ${placeName(place)} with rule ${expect.source}`);
      } else if (expect && answer.status < 300) finding(`refused (400) at ${placeName(place)}, not accepted`);
      if (before && answer.status >= 400) {
        const after = await counts();
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length > 0) finding(`a refused mutation writes nothing (wrote ${changed.join(', ')})`);
      }
    }
    options.progress?.(path, samples.length, Math.round(performance.now() - started));
  }
  return report;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

/** One case's input from a valid one, the place it changed, and the rule a 400 must give there. */
function mutate(
  kind: FuzzCase,
  valid: unknown,
  a: number,
  b: number,
  c: number,
): { input: unknown; place: Path; expect?: RegExp } {
  const places = placesOf(valid);
  const objects = places.filter((p) => {
    const v = valueAt(valid, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const keyed = places.filter((p) => p.length > 0 && typeof p.at(-1) === 'string');
  switch (kind) {
    case 'valid':
      return { input: valid, place: [] };
    case 'hostile_string': {
      const place = pick(places, a);
      const [text, rule] = pick(hostileStrings, b);
      // A hostile key is refused at the object holding it.
      if (c % 5 === 0 && objects.length > 0) {
        const object = pick(objects, b);
        const target = valueAt(valid, object) as Record<string, unknown>;
        return {
          input: replaceAt(valid, object, { ...target, [`k${text}`]: 'x' }),
          place: [...object, `k${text}`],
          expect: new RegExp(`^${rule}$`),
        };
      }
      return { input: replaceAt(valid, place, text), place, expect: new RegExp(`^${rule}$`) };
    }
    case 'hostile_number': {
      const place = pick(places, a);
      return { input: replaceAt(valid, place, pick(hostileNumbers, b)), place };
    }
    case 'unknown_field': {
      if (objects.length === 0) return { input: valid, place: [] };
      const place = pick(objects, a);
      const target = valueAt(valid, place) as Record<string, unknown>;
      return {
        input: replaceAt(valid, place, { ...target, [`fuzz${c % 3}`]: pick(wrongTypes, b) }),
        place,
        expect: /^unknown_field$/,
      };
    }
    case 'wrong_type': {
      const place = pick(places, a);
      return { input: replaceAt(valid, place, pick(wrongTypes, b)), place };
    }
    case 'missing': {
      if (keyed.length === 0) return { input: undefined, place: [] };
      const place = pick(keyed, a);
      return { input: replaceAt(valid, place, REMOVE), place };
    }
  }
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const k of path) v = (v as Record<string | number, unknown>)?.[k];
  return v;
}

/**
 * Row counts of every table of `schema` but the audit, migration and rate-limit tables, and the
 * number of audit records of successful acts (`audit_record ok`), in one query: what a refused
 * mutation must leave unchanged (its audit record says it was refused).
 */
export function rowCounter(db: Kysely<unknown>, schema: string) {
  let tables: string[] | undefined;
  let audited = false;
  return async (): Promise<Record<string, number>> => {
    if (!tables) {
      const all = (
        await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db)
      ).rows.map((r) => r.name);
      audited = all.includes('audit_record');
      // The audit log records the refusal, and the rate limiter counts every call, refused or not (by design).
      tables = all.filter((name) => !uncounted.test(name));
    }
    const parts = tables.map(
      (t) => sql`select ${t} as name, count(*)::int as n from ${sql.table(`${schema}.${t}`)}`,
    );
    if (audited)
      parts.push(
        sql`select 'audit_record ok' as name, count(*)::int as n from ${sql.table(`${schema}.audit_record`)}
          where outcome = 'ok'`,
      );
    if (parts.length === 0) return {};
    const { rows } = await sql<{ name: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.name, r.n]));
  };
}
