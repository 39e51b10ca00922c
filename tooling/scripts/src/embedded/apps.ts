import { goldenCustoms } from '@egov/golden-customs';
import { goldenFinance } from '@egov/golden-finance';
import { goldenShield } from '@egov/golden-shield';
import { goldenTax } from '@egov/golden-tax';
import type { AgencyAppDefinition } from '@egov/kernel/app';

/** An app the embedded launcher runs beside the platform, and what its service identity may do. */
export interface EmbeddedApp {
  definition: AgencyAppDefinition<any>;
  /** Offset from the base port (the platform is 0). */
  portOffset: number;
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

/** The agency apps in start order: foundations first, so callers find what they call. */
export const embeddedApps: EmbeddedApp[] = [
  { definition: goldenShield, portOffset: 1, servicePermissions: [...everyService] },
  { definition: goldenFinance, portOffset: 2, servicePermissions: [...everyService] },
  {
    definition: goldenTax,
    portOffset: 3,
    // Tax pays VAT into the treasury.
    servicePermissions: [
      ...everyService,
      'golden-finance.treasury.expect',
      'golden-finance.treasury.receive',
      'golden-finance.treasury.read',
    ],
  },
  {
    definition: goldenCustoms,
    portOffset: 4,
    // Customs registers what is due and pays duty, consumption tax and import VAT into the treasury,
    // and reads an importer's VAT registration at golden-tax.
    servicePermissions: [
      ...everyService,
      'golden-finance.treasury.expect',
      'golden-finance.treasury.receive',
      'golden-tax.taxpayer.read',
    ],
  },
];

export const DEFAULT_BASE_PORT = 4100;

/** The apps an app calls: those whose permissions its service identity holds. */
function callees(entry: EmbeddedApp): string[] {
  const names = new Set(embeddedApps.map((a) => a.definition.name));
  return [...new Set(entry.servicePermissions.map((p) => p.split('.')[0]!))].filter(
    (name) => name !== entry.definition.name && names.has(name),
  );
}

/**
 * The named apps and every app they call, in start order (`egov start --app
 * golden-customs` also starts golden-tax and golden-finance); every app when
 * `only` is empty. An unknown name is an error that lists the known ones.
 */
export function selectApps(only: string[] = []): EmbeddedApp[] {
  if (only.length === 0) return embeddedApps;
  const byName = new Map(embeddedApps.map((a) => [a.definition.name, a]));
  const wanted = new Set<string>();
  const visit = (name: string) => {
    const entry = byName.get(name);
    if (!entry)
      throw new Error(
        `no app named "${name}"; the apps are: ${[...byName.keys()].join(', ')} (the platform always starts)`,
      );
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const callee of callees(entry)) visit(callee);
  };
  for (const name of only) if (name !== 'platform') visit(name);
  return embeddedApps.filter((a) => wanted.has(a.definition.name));
}
