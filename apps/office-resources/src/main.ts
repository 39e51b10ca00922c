import { runStandalone } from '@egov/kernel/app';
import { officeResources } from './app.ts';

/** Runs office-resources alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/office-resources start`. */
await runStandalone(officeResources);
