import type { AppDatabase } from '@egov/kernel/db';
import { databaseTargets, freshDatabase } from '@egov/testing';

/*
 * Starting an in-memory PGlite costs seconds of CPU; every suite only needs a
 * fresh schema. With `isolate: false` the kernel's engine cache lives as long
 * as the worker, so holding one handle open here lets every test file in the
 * worker reuse the same PGlite instead of starting its own. Gone at exit.
 */
const holder = globalThis as { goldenCustomsPglite?: Promise<AppDatabase<unknown>> };
holder.goldenCustomsPglite ??= freshDatabase(databaseTargets({})[0]!, 'golden-customs');
await holder.goldenCustomsPglite;
