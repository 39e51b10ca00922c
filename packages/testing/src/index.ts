export * from '@egov/kernel/testing';
export { bootApp, type BootedApp, trpcHttp } from './boot.ts';
