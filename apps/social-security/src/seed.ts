import type { AppDatabase } from '@egov/kernel/db';
import type { Logger } from '@egov/kernel/log';
import type { SocialSecurityDatabase } from './database.ts';

/**
 * Demo data: none yet. Enrolment needs golden-shield's answer, so demo insured
 * persons belong to a flow with golden-shield running, not to a lone seed.
 */
export async function seedSocialSecurity(
  _database: AppDatabase<SocialSecurityDatabase>,
  log: Logger,
): Promise<void> {
  log.info('social-security has no demo data yet');
}
