import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/*
 * The one anatomy of an app (README, "Anatomy of an app"), as data the
 * architecture test checks every app against.
 */

/** What every app has at the top of `src/`. */
export const requiredFiles = [
  'app.ts',
  'manifest.ts',
  'router.ts',
  'trpc.ts',
  'database.ts',
  'main.ts',
  'seed.ts',
  'migrations/index.ts',
];

/** What else may sit at the top of `src/`. */
export const optionalTopFiles = [
  'services.ts',
  'events.ts',
  'contracts.ts',
  'test.fixture.ts',
  'test.setup.ts',
];

/**
 * The roles a file in a concept folder may have, by suffix: `<concept>.<role>.ts`.
 * Inputs live in `*.router.ts` (one procedure's) or `*.schemas.ts` (shared by several).
 */
export const conceptRoles = [
  'router', // procedures: input and output schemas, the permission, a call to a service
  'service', // plain async functions taking db (or trx) first
  'rules', // pure functions and dated tables, unit- and property-tested
  'table', // Kysely table types
  'schemas', // zod schemas shared by several procedures
  'view', // how a row is shown to a caller (masking, shaping)
  'subscription', // an event handler (onEvent / onEvents)
  'route', // a plain HTTP route beside /trpc
  'step', // a durable cross-agency step (defineStep, ADR 11), registered with the app
  'test',
];

export interface AnatomyIssue {
  file: string;
  problem: string;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (name.endsWith('.ts')) yield path;
  }
}

/** The files of `apps/<app>/src` that break the anatomy, and what is wrong with each. */
export function anatomyIssues(root: string, app: string): AnatomyIssue[] {
  const src = join(root, 'apps', app, 'src');
  const issues: AnatomyIssue[] = [];
  const files = [...walk(src)].map((f) => relative(src, f));
  for (const required of requiredFiles)
    if (!files.includes(required)) issues.push({ file: `apps/${app}/src/${required}`, problem: 'missing' });
  for (const file of files) {
    const at = `apps/${app}/src/${file}`;
    const parts = file.split('/');
    const name = parts.at(-1)!;
    // Tests sit beside what they test, named as they like (`payment.concurrency.test.ts`).
    if (name.endsWith('.test.ts')) continue;
    if (parts[0] === 'migrations') {
      if (!/^(index|\d{8}T\d{4}_[a-z0-9_]+)\.ts$/.test(name))
        issues.push({ file: at, problem: 'a migration is named <yyyymmdd>T<hhmm>_<what>.ts' });
      continue;
    }
    if (parts.length === 1) {
      if (![...requiredFiles, ...optionalTopFiles].includes(name))
        issues.push({ file: at, problem: 'not a top-level file of the anatomy' });
      continue;
    }
    // `shared/`: the app-wide input schemas and helpers several concepts use.
    if (parts[0] === 'shared' && parts.length === 2) continue;
    const role = /^[a-z0-9-]+\.([a-z]+)\.ts$/.exec(name)?.[1];
    if (!role || !conceptRoles.includes(role))
      issues.push({ file: at, problem: `a concept's file is <concept>.<${conceptRoles.join('|')}>.ts` });
    if (role === 'service') {
      const text = readFileSync(join(src, file), 'utf8');
      for (const m of text.matchAll(/^export async function (\w+)(?:<[^(]*>)?\(\s*(\w+)/gm))
        if (m[2] !== 'db' && m[2] !== 'trx')
          issues.push({ file: at, problem: `${m[1]} must take db (or trx) first, not ${m[2]}` });
    }
  }
  return issues;
}

/** The agency apps `src` calls with `ctx.connect('<app>')` (tests excluded; the platform is not counted). */
export function connectedApps(root: string, app: string): string[] {
  const found = new Set<string>();
  for (const file of walk(join(root, 'apps', app, 'src'))) {
    if (file.endsWith('.test.ts') || file.endsWith('.fixture.ts')) continue;
    // The platform (identity, registry, catalog and exchange) is every app's implicit callee.
    for (const m of readFileSync(file, 'utf8').matchAll(/connect(?:<[^>]*>)?\(\s*['"]([a-z][a-z0-9-]*)['"]/g))
      if (m[1] !== 'platform') found.add(m[1]!);
  }
  return [...found].sort();
}
