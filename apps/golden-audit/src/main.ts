import { runStandalone } from '@egov/kernel/app';
import { goldenAudit } from './app.ts';

/** Runs golden-audit alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/golden-audit start`. */
await runStandalone(goldenAudit);
