import { findRepoRoot } from '@egov/kernel/db';
import { describe, expect, it } from 'vitest';
import { appImports, findCycle } from './import-graph.ts';

const root = findRepoRoot(import.meta.dirname);
const { imports } = appImports(root);

/** The foundations of the synchronous call graph (ARCHITECTURE.md): they call no agency app. */
const foundations = ['platform', 'golden-shield', 'golden-finance', 'golden-quality'];

describe('apps talk through router types and events only', () => {
  it('imports nothing from another app but its router type', () => {
    const offending = imports.filter((i) => !i.typeOnly || !i.specifier.endsWith('/router'));
    expect(offending.map((i) => `${i.file}: ${i.specifier}`)).toEqual([]);
  });

  it('keeps the synchronous call graph acyclic', () => {
    expect(findCycle(imports)).toBeNull();
  });

  // A base database may ask another below it (golden-quality checks a legal representative at
  // golden-shield, pays fines into golden-finance); the cycle check above keeps those calls acyclic.
  it('lets the foundations call no agency app, only the platform and other foundations', () => {
    expect(
      imports
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
