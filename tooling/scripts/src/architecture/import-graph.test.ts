import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@egov/kernel/db';
import { describe, expect, it } from 'vitest';
import { appImports, findCycle } from './import-graph.ts';

const root = findRepoRoot(import.meta.dirname);
const { apps, imports } = appImports(root);
/** The synchronous calls: router type imports (contracts are events, which may flow either way). */
const calls = imports.filter((i) => i.specifier.endsWith('/router'));

/** The foundations of the synchronous call graph (ARCHITECTURE.md): they call no agency app. */
const foundations = ['platform', 'golden-shield', 'golden-finance', 'golden-quality'];

describe('apps talk through router types and events only', () => {
  it('imports nothing from another app but its router type and its event contracts', () => {
    const offending = imports.filter(
      (i) => !(i.typeOnly && i.specifier.endsWith('/router')) && !i.specifier.endsWith('/contracts'),
    );
    expect(offending.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
  });

  it('keeps contracts to zod schemas and event names: a contracts.ts imports no app code', () => {
    for (const app of apps) {
      const file = join(root, 'apps', app, 'src', 'contracts.ts');
      if (!existsSync(file)) continue;
      const specifiers = [...readFileSync(file, 'utf8').matchAll(/from\s+['"]([^'"]+)['"]/g)].map(
        (m) => m[1],
      );
      expect(
        specifiers.filter((s) => !['zod', '@egov/kernel/messaging', '@egov/standards'].includes(s!)),
        `apps/${app}/src/contracts.ts`,
      ).toEqual([]);
    }
  });

  it('keeps the synchronous call graph acyclic (events, and so contracts, flow in any direction)', () => {
    expect(findCycle(calls)).toBeNull();
  });

  // A base database may ask another below it (golden-quality checks a legal representative at
  // golden-shield, pays fines into golden-finance); the cycle check above keeps those calls acyclic.
  it('lets the foundations call no agency app, only the platform and other foundations', () => {
    expect(
      calls
        .filter((i) => foundations.includes(i.from) && !foundations.includes(i.to))
        .map((i) => `${i.from} -> ${i.to}`),
    ).toEqual([]);
  });

  it('finds cycles when there are some (the check can fail)', () => {
    expect(
      findCycle([
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
      ]),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle([
        { from: 'a', to: 'b' },
        { from: 'a', to: 'c' },
        { from: 'b', to: 'c' },
      ]),
    ).toBeNull();
  });
});
