import { randomBytes } from 'node:crypto';
import type { AppDatabase } from '@egov/kernel/db';
import { createSecretBox } from '@egov/kernel/secrets';
import { databaseTargets, freshDatabase } from '@egov/testing';
import { configureSecrets } from './mfa/secrets.ts';

/*
 * An in-memory PGlite takes seconds of CPU to start, and every suite needs only
 * a fresh schema. With `isolate: false` the kernel's engine cache lives as long
 * as the worker, so holding one handle open here lets every test file of the
 * worker reuse one PGlite (the instance `bootPlatform` uses) instead of each
 * starting its own. It goes away with the worker.
 */
const holder = globalThis as { platformPglite?: Promise<AppDatabase<unknown>> };
holder.platformPglite ??= freshDatabase(databaseTargets({})[0]!, 'platform');
await holder.platformPglite;

// Secrets sealed in tests use a throwaway key, not a key file under the repository's .data.
configureSecrets(createSecretBox(randomBytes(32)));
