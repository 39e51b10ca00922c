// Starts a TypeScript module in a worker thread: a worker does not inherit tsx
// from its parent, so it registers tsx's loader first, then imports
// `workerData.module` (an absolute file URL or path).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
