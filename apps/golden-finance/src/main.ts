import { runStandalone } from '@egov/kernel/app';
import { goldenFinance } from './app.ts';

/** Runs golden-finance alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-finance start`. */
await runStandalone(goldenFinance);
