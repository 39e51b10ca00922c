import { runStandalone } from '@egov/kernel/app';
import { goldenCustoms } from './app.ts';

/** Runs golden-customs alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-customs start`. */
await runStandalone(goldenCustoms);
