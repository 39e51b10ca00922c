import { runStandalone } from '@egov/kernel/app';
import { socialSecurity } from './app.ts';

/** Runs social-security alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/social-security start`. */
await runStandalone(socialSecurity);
