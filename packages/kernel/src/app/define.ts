import type { AnyRouter } from '@trpc/server';
import type { Hono } from 'hono';
import type { AppDatabase } from '../db/database.ts';
import type { Migrations } from '../db/migrations.ts';
import type { Zone } from '../identity/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { EventHandler } from '../messaging/consumer.ts';
import type { StepDefinition } from '../steps/define.ts';
import { type AppManifest, checkManifest } from './manifest.ts';

/** What an app hands to the kernel: the kernel does all the wiring. */
export interface AgencyAppDefinition<DB = any> {
  /** The system's folder name, e.g. `golden-shield`; also its schema (`golden_shield`) and service identity. */
  name: string;
  zone: Zone;
  /**
   * Its manifest (permissions, roles, calls, events, port, agency, titles). Every app of the workspace has one;
   * stand-ins built inside a test may go without.
   */
  manifest?: AppManifest<string>;
  router: AnyRouter;
  migrations: Migrations;
  /** Demo data; must be idempotent (a second run writes nothing). */
  seed?: (database: AppDatabase<DB>, log: Logger) => Promise<void>;
  /** The events this app handles (`onEvent(contract, handle)` from `@egov/kernel/messaging`). */
  subscriptions?: EventHandler<DB, any>[];
  /**
   * The cross-agency steps its mutations run (`ctx.step`), so the kernel can resume one whose request
   * did not commit (`defineStep` from `@egov/kernel/steps`, ADR 11).
   */
  steps?: StepDefinition<DB, any, any>[];
  /** Extra plain HTTP routes beside `/trpc` (e.g. the platform's JWKS). */
  routes?: (hono: Hono, deps: { database: AppDatabase<DB> }) => void;
}

type Parts<DB, R> = Omit<AgencyAppDefinition<DB>, 'router' | 'name' | 'zone' | 'manifest'> & { router: R };

/** An app named by its manifest, or (a stand-in in a test) by a bare name and zone. */
export type AgencyAppInput<DB, R> = Parts<DB, R> & {
  manifest?: AppManifest<string>;
  name?: string;
  zone?: Zone;
};

/**
 * Declares an agency app from its manifest and its parts. The result is inert:
 * `createAgencyApp` builds it against a database and a token verifier,
 * `serveAgencyApp` puts it on a port.
 *
 * @example
 * export const goldenShield = defineAgencyApp<GoldenShieldDatabase>({ manifest, router, migrations, seed });
 */
export function defineAgencyApp<DB, R extends AnyRouter = AnyRouter>(
  definition: AgencyAppInput<DB, R>,
): Omit<AgencyAppDefinition<DB>, 'router'> & { router: R } {
  const { manifest } = definition;
  if (manifest) checkManifest(manifest);
  const name = manifest?.name ?? definition.name;
  const zone = manifest?.zone ?? definition.zone;
  if (!name || !zone)
    throw new Error('an app needs a manifest (or, a stand-in in a test, a name and a zone)');
  if (manifest && (definition.name ?? name) !== name) throw new Error(`${name}: the manifest names the app`);
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`app name "${name}" must be kebab-case`);
  return { ...definition, name, zone } as Omit<AgencyAppDefinition<DB>, 'router'> & { router: R };
}
