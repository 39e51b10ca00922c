export { type AgencyApp, type AppRuntime, createAgencyApp } from './create.ts';
export { type AgencyAppDefinition, defineAgencyApp } from './define.ts';
export { type ServingApp, serveAgencyApp } from './serve.ts';
export { traceIdFrom, traceparentFor } from './trace.ts';
export { type StartedApp, type StartOptions, serviceKeyFile, startAgencyApp } from './start.ts';
export {
  enrolmentRefusal,
  publicKeyFile,
  runStandalone,
  StartRefused,
  withEmbeddedDatabase,
} from './standalone.ts';
export {
  type NeededService,
  pingDatabase,
  type WaitOptions,
  waitForServices,
  where,
} from './wait-for-services.ts';
export { migrationsFor } from './migrations.ts';
export {
  type HostLimits,
  type HostLimitsOverride,
  hostLimitsFromEnv,
  type RateLimits,
} from './host-config.ts';
export { addressResolver } from './client-address.ts';
// An app's manifest is `@egov/kernel/manifest` (manifest-entry.ts): one entry point for it.
