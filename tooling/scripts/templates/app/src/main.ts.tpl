import { runStandalone } from '@egov/kernel/app';
import { __camel__ } from './app.ts';

/** Runs __name__ alone beside a running platform: `EGOV_PLATFORM_URL=http://127.0.0.1:4100 pnpm --filter @egov/__name__ start`. */
await runStandalone(__camel__);
