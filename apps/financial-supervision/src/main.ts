import { runStandalone } from '@egov/kernel/app';
import { financialSupervision } from './app.ts';

/** Runs financial-supervision alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/financial-supervision start`. */
await runStandalone(financialSupervision);
