import { runStandalone } from '@egov/kernel/app';
import { macroeconomics } from './app.ts';

/** Runs macroeconomics alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/macroeconomics start`. */
await runStandalone(macroeconomics);
