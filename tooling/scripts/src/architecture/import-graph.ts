import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface AppImport {
  from: string;
  to: string;
  file: string;
  specifier: string;
  typeOnly: boolean;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') yield* sourceFiles(path);
    } else if (path.endsWith('.ts')) yield path;
  }
}

const importPattern =
  /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"](@egov\/[a-z0-9-]+)(\/[^'"]*)?['"]/gm;

/**
 * Every import of one app by another in `apps/*\/src`, read from the source
 * text (no TypeScript needed): what the architecture test checks.
 */
export function appImports(root: string): { apps: string[]; imports: AppImport[] } {
  const appsDir = join(root, 'apps');
  const apps = readdirSync(appsDir).filter((a) => statSync(join(appsDir, a, 'src')).isDirectory());
  const imports: AppImport[] = [];
  for (const app of apps) {
    for (const file of sourceFiles(join(appsDir, app, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(importPattern)) {
        const target = m[3]!.slice('@egov/'.length);
        if (!apps.includes(target) || target === app) continue;
        imports.push({
          from: app,
          to: target,
          file: relative(root, file),
          specifier: `${m[3]}${m[4] ?? ''}`,
          typeOnly: Boolean(m[2]),
        });
      }
    }
  }
  return { apps, imports };
}

/** A cycle in the app-to-app graph, as a path, or null. */
export function findCycle(edges: { from: string; to: string }[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'visiting') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'visiting');
    path.push(node);
    for (const to of next.get(node) ?? []) {
      const cycle = visit(to);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of next.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}
