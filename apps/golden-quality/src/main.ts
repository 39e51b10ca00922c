import { runStandalone } from '@egov/kernel/app';
import { goldenQuality } from './app.ts';

/** Runs golden-quality alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-quality start`. */
await runStandalone(goldenQuality);
