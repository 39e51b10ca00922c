import type { Zone } from '../identity/principal.ts';
import { assertPermissionName } from '../identity/principal.ts';

/** A role the platform seeds for an app: its own permissions, or all of them (`<app>.*`). */
export interface ManifestRole<P extends string> {
  /** One sentence: what an official holding it does. */
  description: string;
  permissions: readonly (P | `${string}.*`)[];
}

/**
 * Everything the rest of the platform must know about an app, in one place:
 * the kernel types `requires()` from `permissions`, the platform seeds `roles`
 * and the app's service grants (`calls`), the launcher gives it its port and
 * start order, and the architecture test checks `calls` against the code.
 */
export interface AppManifest<P extends string = string> {
  /** The system's folder name, e.g. `golden-shield`; also its schema and service identity. */
  name: string;
  zone: Zone;
  title: { zh: string; en: string };
  /** The agency that operates the system; the platform seeds it as an agency. */
  agency: { code: string; name: string };
  /** Offset from the platform's port in the embedded mode (the platform is 0); unique per app. */
  portOffset: number;
  /** Every permission its procedures declare, each with one sentence saying what it allows. */
  permissions: { readonly [K in P]: string };
  /** Roles the platform seeds for officials of this app. */
  roles?: Readonly<Record<string, ManifestRole<NoInfer<P>>>>;
  /** The apps it calls, with the permissions its service identity needs on each (its service grants). */
  calls?: Readonly<Record<string, readonly string[]>>;
  /** Event types (`<app>.<entity>.<verb>.v<n>`) it publishes and handles. */
  events?: { publishes?: readonly string[]; consumes?: readonly string[] };
}

/** The permission names an app declares. */
export type PermissionOf<M> = M extends AppManifest<infer P> ? P : string;

/**
 * Declares an app's manifest, checked once: permissions named
 * `<app>.<resource>.<action>` with a description each, roles made of declared
 * permissions, no call to itself.
 *
 * @example
 * export const manifest = defineManifest({
 *   name: 'golden-water', zone: 'internal', portOffset: 12,
 *   title: { zh: '金水', en: 'Golden Water' },
 *   agency: { code: 'mwr', name: 'Ministry of Water Resources' },
 *   permissions: { 'golden-water.gauge.read': 'reads river gauge readings' },
 *   roles: { 'water-reader': { description: 'reads gauges', permissions: ['golden-water.gauge.read'] } },
 * });
 */
export function defineManifest<const P extends string>(manifest: AppManifest<P>): AppManifest<P> {
  checkManifest(manifest);
  return manifest;
}

/** Throws on the first inconsistency of a manifest. */
export function checkManifest(manifest: AppManifest<string>): void {
  const { name } = manifest;
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`app name "${name}" must be kebab-case`);
  if (!Number.isInteger(manifest.portOffset) || manifest.portOffset < 0 || manifest.portOffset > 999)
    throw new Error(`${name}: portOffset must be an integer from 0 to 999`);
  if (!manifest.title.zh.trim() || !manifest.title.en.trim())
    throw new Error(`${name}: a title in both languages`);
  const declared = Object.keys(manifest.permissions);
  for (const permission of declared) {
    assertPermissionName(permission);
    if (!permission.startsWith(`${name}.`))
      throw new Error(`${name}: permission "${permission}" must start with "${name}."`);
    if (!manifest.permissions[permission]?.trim())
      throw new Error(`${name}: permission "${permission}" needs a description`);
  }
  for (const [role, { permissions }] of Object.entries(manifest.roles ?? {})) {
    for (const p of permissions) {
      const known = p.endsWith('.*')
        ? declared.some((d) => d.startsWith(p.slice(0, -1)))
        : declared.includes(p);
      if (!known) throw new Error(`${name}: role "${role}" holds "${p}", which ${name} does not declare`);
    }
  }
  for (const [callee, permissions] of Object.entries(manifest.calls ?? {})) {
    if (callee === name) throw new Error(`${name}: an app does not call itself`);
    for (const p of permissions)
      if (!p.startsWith(`${callee}.`)) throw new Error(`${name}: "${p}" is not a permission of ${callee}`);
  }
}

/** The permissions an app's service identity needs on other apps, flattened. */
export function servicePermissions(manifest: AppManifest<string>): string[] {
  return Object.values(manifest.calls ?? {}).flat();
}
