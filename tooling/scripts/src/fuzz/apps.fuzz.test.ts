import type { AgencyAppDefinition } from '@egov/kernel/app';
import { workspaceApps } from '@egov/kernel/manifest';
import { bootApp, databaseTargets, fuzzRouter, rowCounter } from '@egov/testing';
import { describe, expect, it } from 'vitest';

/*
 * The kernel's fuzz test, inherited by every app of the workspace (found by its manifest, so an app
 * added tomorrow is covered with no edit here): every procedure, inputs generated from its own zod
 * schema, valid and mutated, over HTTP with a token holding every permission the app declares.
 * EGOV_FUZZ_RUNS inputs per procedure (default 60; the 1,000: EGOV_FUZZ_RUNS=1000).
 * The rules are in @egov/testing's fuzz.ts.
 */
const runs = Number(process.env.EGOV_FUZZ_RUNS ?? 60);
// One official sends every call: the per-account limit is not what is tested here (429 is a 4xx anyway).
process.env.EGOV_RATE_LIMIT_PER_ACCOUNT ??= '100000000';
process.env.EGOV_RATE_LIMIT_PER_SOURCE ??= '100000000';

// EGOV_FUZZ_APPS=golden-tax,golden-customs fuzzes only those.
const only = process.env.EGOV_FUZZ_APPS?.split(',').filter(Boolean) ?? [];
/**
 * Findings of apps that landed after this test, left to their owners (each a 500 the fuzzer found,
 * named here so the rest of the app stays checked; remove a line when its procedure is fixed).
 */
const known: Record<string, string[]> = {
  // 500 on a valid-looking year (e.g. { year: 2002 }) and on supervision.open without incomingId.
  'office-resources': [
    'training.myRecord',
    'training.record',
    'training.report',
    'supervision.open',
    // 500 on some inputs (found when flows 2-7 landed).
    'supervision.overdue',
  ],
  // cases.attach: 500 on some `details` values (a NUL in a string stored as jsonb is the suspect), and
  // a hostile key added to the `details` record is refused by its value's rule, not as unknown_field.
  'golden-shield': ['cases.attach'],
};

const apps = (await workspaceApps()).filter((a) => only.length === 0 || only.includes(a.manifest.name));

describe.each(apps.map((a) => [a.manifest.name, a] as const))('fuzz: %s', (name, found) => {
  it(`answers every procedure 2xx or 4xx, names refused fields, writes nothing when it refuses (${runs} inputs each)`, async () => {
    const definition = (await found.load()) as AgencyAppDefinition<unknown>;
    const booted = await bootApp(definition, databaseTargets()[0]!);
    try {
      const token = await booted.token(...Object.keys(found.manifest.permissions), 'kernel.audit.read');
      const report = await fuzzRouter({
        hono: booted.app.hono,
        router: definition.router,
        token,
        counts: rowCounter(booted.app.database.db as never, booted.app.database.schema),
        runs,
        progress: (path, calls, ms) => {
          if (process.env.EGOV_FUZZ_VERBOSE)
            process.stderr.write(`${name} ${path}: ${calls} calls, ${ms} ms\n`);
        },
      });
      console.log(`${name}: ${report.procedures} procedures, ${report.calls} calls`, report.statuses);
      expect(report.procedures).toBeGreaterThan(0);
      const findings = report.findings.filter((f) => !known[name]?.includes(f.procedure));
      expect(findings.slice(0, 15), `${findings.length} findings`).toEqual([]);
    } finally {
      await booted.close();
    }
  }, 900_000);
});
