import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { GoldenQualityDatabase } from './database.ts';

/**
 * Demo data: none. Registering an entity needs golden-shield's answer on its
 * legal representative, so demo entities come from a flow with golden-shield
 * running (`pnpm egov demo open-business`), not from a lone seed.
 */
export async function seedGoldenQuality(
  _database: AppDatabase<GoldenQualityDatabase>,
  log: Logger,
): Promise<void> {
  log.info('golden-quality has no demo data');
}
