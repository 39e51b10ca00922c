import type { AgencyAppDefinition } from '@egov/kernel/app';
import { type AppManifest, servicePermissions, workspaceApps } from '@egov/kernel/manifest';

/** An app the embedded launcher runs beside the platform, and what its service identity may do. */
export interface EmbeddedApp {
  definition: AgencyAppDefinition<any>;
  manifest: AppManifest;
  /** Offset from the base port (the platform is 0), from the manifest. */
  portOffset: number;
  /** What every service may do at the platform, then the manifest's calls on other apps. */
  servicePermissions: string[];
}

/** Every service registers itself and resolves others through the platform. */
export const everyService = [
  'platform.registry.register',
  'platform.registry.read',
  // The catalog and exchange (S3.1): list its own grants, fetch grant tokens to present to owners.
  'platform.catalog.read',
  'platform.exchange.token',
];

export const DEFAULT_BASE_PORT = 4100;

/**
 * The agency apps of a workspace in start order (callees first, so callers
 * find what they call), learnt from their manifests (`apps/<name>/src/manifest.ts`):
 * a new app is found with no edit outside its folder. The platform is not among them.
 *
 * @example
 * (await loadEmbeddedApps(root)).map((a) => `${a.definition.name}:${a.portOffset}`) // ['golden-shield:1', ...]
 */
export async function loadEmbeddedApps(root?: string): Promise<EmbeddedApp[]> {
  const found = (await workspaceApps(root)).filter((a) => a.manifest.name !== 'platform');
  return Promise.all(
    found.map(async ({ manifest, load }) => ({
      definition: await load(),
      manifest,
      portOffset: manifest.portOffset,
      servicePermissions: [...everyService, ...servicePermissions(manifest)],
    })),
  );
}

/**
 * The named apps and every app they call, in start order (`egov start --app
 * golden-customs` also starts golden-tax and golden-finance); every app when
 * `only` is empty. An unknown name is an error that lists the known ones.
 */
export function selectApps(only: string[] = [], apps: EmbeddedApp[] = embeddedApps): EmbeddedApp[] {
  if (only.length === 0) return apps;
  const byName = new Map(apps.map((a) => [a.definition.name, a]));
  const wanted = new Set<string>();
  const visit = (name: string) => {
    const entry = byName.get(name);
    if (!entry)
      throw new Error(
        `no app named "${name}"; the apps are: ${[...byName.keys()].join(', ')} (the platform always starts)`,
      );
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const callee of Object.keys(entry.manifest.calls ?? {})) if (callee !== 'platform') visit(callee);
  };
  for (const name of only) if (name !== 'platform') visit(name);
  return apps.filter((a) => wanted.has(a.definition.name));
}

/** This repository's agency apps, from their manifests, in start order. */
export const embeddedApps: EmbeddedApp[] = await loadEmbeddedApps();
