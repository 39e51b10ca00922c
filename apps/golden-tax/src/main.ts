import { runStandalone } from '@egov/kernel/app';
import { goldenTax } from './app.ts';

/** Runs golden-tax alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-tax start`. */
await runStandalone(goldenTax);
