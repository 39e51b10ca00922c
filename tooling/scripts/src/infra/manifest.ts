import type { Zone } from '@egov/kernel/identity';
import { platformApp } from '@egov/platform/provisioning';
import { embeddedApps } from '../embedded/apps.ts';

/** An app as the deployment files must treat it: its name, zone, port, and the agency apps it calls. */
export interface DeployedApp {
  name: string;
  zone: Zone;
  port: number;
  calls: string[];
}

/**
 * The agency apps `app` calls synchronously: those whose permissions its service identity holds
 * (the platform, which every app calls, is not counted). The same graph the architecture test checks.
 */
export function appCalls(app: string): string[] {
  const entry = embeddedApps.find((a) => a.definition.name === app);
  if (!entry) return [];
  const names = new Set(embeddedApps.map((a) => a.definition.name));
  return [...new Set(entry.servicePermissions.map((p) => p.split('.')[0]!))].filter(
    (name) => name !== app && names.has(name),
  );
}

/** The platform and every agency app, on the ports `egov start` gives them. */
export const deployedApps: DeployedApp[] = [
  { name: platformApp.name, zone: platformApp.zone, port: 4100, calls: [] },
  ...embeddedApps.map((a) => ({
    name: a.definition.name,
    zone: a.definition.zone,
    port: 4100 + a.portOffset,
    calls: appCalls(a.definition.name),
  })),
];
