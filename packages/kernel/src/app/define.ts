import type { AnyRouter } from '@trpc/server';
import type { Hono } from 'hono';
import type { AppDatabase } from '../db/database.ts';
import type { Migrations } from '../db/migrations.ts';
import type { Zone } from '../identity/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { EventHandler } from '../messaging/consumer.ts';
import type { StepDefinition } from '../steps/define.ts';

/** What an app hands to the kernel: the kernel does all the wiring. */
export interface AgencyAppDefinition<DB = any> {
  /** The system's folder name, e.g. `golden-shield`; also its schema (`golden_shield`) and service identity. */
  name: string;
  zone: Zone;
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

/**
 * Declares an agency app. The result is inert: `createAgencyApp` builds it
 * against a database and a token verifier, `serveAgencyApp` puts it on a port.
 *
 * @example
 * export const goldenShield = defineAgencyApp({ name: 'golden-shield', zone: 'internal', router, migrations });
 */
export function defineAgencyApp<DB, R extends AnyRouter = AnyRouter>(
  definition: Omit<AgencyAppDefinition<DB>, 'router'> & { router: R },
): Omit<AgencyAppDefinition<DB>, 'router'> & { router: R } {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name))
    throw new Error(`app name "${definition.name}" must be kebab-case`);
  return definition;
}
