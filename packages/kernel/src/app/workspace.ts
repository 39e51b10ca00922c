import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot } from '../db/config.ts';
import type { AgencyAppDefinition } from './define.ts';
import { type AppManifest, checkManifest } from './manifest.ts';

/** An app found in the workspace: its folder and its manifest; its definition is loaded on demand. */
export interface WorkspaceApp {
  dir: string;
  manifest: AppManifest<string>;
  /** Imports `src/app.ts` and returns the app it defines. */
  load(): Promise<AgencyAppDefinition<any>>;
}

function isManifest(value: unknown): value is AppManifest<string> {
  const v = value as Partial<AppManifest<string>> | null;
  return (
    typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.permissions === 'object'
  );
}

/**
 * Every app of the workspace, from `apps/<name>/src/manifest.ts` (its exported
 * manifest): how the launcher and the platform learn which apps there are, so
 * a new app needs no edit outside its folder. Checked together: unique names
 * and ports, every call aimed at a permission the callee declares, no cycle.
 * Callees come before their callers.
 *
 * @example
 * const apps = await workspaceApps();
 * apps.map((a) => a.manifest.name) // ['platform', 'golden-shield', 'golden-finance', ...]
 */
export async function workspaceApps(root = findRepoRoot(import.meta.dirname)): Promise<WorkspaceApp[]> {
  const appsDir = join(root, 'apps');
  const found: WorkspaceApp[] = [];
  for (const folder of readdirSync(appsDir).sort()) {
    const dir = join(appsDir, folder);
    const file = join(dir, 'src', 'manifest.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const manifest = Object.values(module).find(isManifest);
    if (!manifest) throw new Error(`${file} exports no manifest (defineManifest)`);
    if (manifest.name !== folder)
      throw new Error(`${file}: the manifest names "${manifest.name}", the folder "${folder}"`);
    found.push({ dir, manifest, load: () => loadDefinition(dir, manifest.name) });
  }
  return startOrder(checkWorkspace(found));
}

async function loadDefinition(dir: string, name: string): Promise<AgencyAppDefinition<any>> {
  const module = (await import(pathToFileURL(join(dir, 'src', 'app.ts')).href)) as Record<string, unknown>;
  const definition = Object.values(module).find(
    (v): v is AgencyAppDefinition<any> => (v as AgencyAppDefinition | null)?.manifest?.name === name,
  );
  if (!definition) throw new Error(`${dir}/src/app.ts exports no defineAgencyApp({ manifest }) for ${name}`);
  return definition;
}

/** Throws on the first inconsistency between the manifests of a workspace. */
export function checkWorkspace<T extends { manifest: AppManifest<string> }>(apps: T[]): T[] {
  const byName = new Map<string, AppManifest<string>>();
  const byPort = new Map<number, string>();
  for (const { manifest } of apps) {
    checkManifest(manifest);
    if (byName.has(manifest.name)) throw new Error(`two apps are named ${manifest.name}`);
    byName.set(manifest.name, manifest);
    const other = byPort.get(manifest.portOffset);
    if (other) throw new Error(`${manifest.name} and ${other} both take port offset ${manifest.portOffset}`);
    byPort.set(manifest.portOffset, manifest.name);
  }
  for (const { manifest } of apps) {
    for (const [callee, permissions] of Object.entries(manifest.calls ?? {})) {
      const target = byName.get(callee);
      if (!target) throw new Error(`${manifest.name} calls ${callee}, which is not an app of this workspace`);
      for (const p of permissions)
        if (!(p in target.permissions))
          throw new Error(`${manifest.name} calls for "${p}", which ${callee} does not declare`);
    }
  }
  return apps;
}

/** Callees before callers (the synchronous calls form a DAG); a cycle is an error that names it. */
export function startOrder<T extends { manifest: AppManifest<string> }>(apps: T[]): T[] {
  const byName = new Map(apps.map((a) => [a.manifest.name, a]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (app: T, path: string[]) => {
    const name = app.manifest.name;
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw new Error(`apps call each other in a cycle: ${[...path, name].join(' -> ')}`);
    state.set(name, 'visiting');
    for (const callee of Object.keys(app.manifest.calls ?? {}).sort()) {
      const target = byName.get(callee);
      if (target) visit(target, [...path, name]);
    }
    state.set(name, 'done');
    ordered.push(app);
  };
  // Foundations first by port offset, so the order is stable and reads like the port table.
  for (const app of [...apps].sort((a, b) => a.manifest.portOffset - b.manifest.portOffset)) visit(app, []);
  return ordered;
}
