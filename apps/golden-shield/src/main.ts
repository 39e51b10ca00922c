import { runStandalone } from '@egov/kernel/app';
import { goldenShield } from './app.ts';

/** Runs golden-shield alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-shield start`. */
await runStandalone(goldenShield);
