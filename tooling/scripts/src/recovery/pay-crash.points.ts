import type { DatabaseConfig } from '@egov/kernel/db';

/** Where a life of the payment crash test kills itself (see `pay-crash.worker.ts`). */
export const KILL_POINTS = ['before-first-call', 'after-first-receipt', 'after-all-receipts'] as const;
export type KillPoint = (typeof KILL_POINTS)[number];

export interface PayCrashConfig {
  databases: { customs: DatabaseConfig; finance: DatabaseConfig };
  journal: string;
  /** Pay one new declaration and die at this point; null: only recover, then exit 0. */
  kill: KillPoint | null;
  /** Which declaration of the run this is (a fresh importer each). */
  index: number;
}
