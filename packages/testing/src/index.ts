export * from '@egov/kernel/testing';
export { arbitraryOf, hostileNumbers, hostileStrings, placesOf, replaceAt, wrongTypes } from './arbitrary.ts';
export { type BootedApp, bootApp, trpcHttp } from './boot.ts';
export { type FuzzFinding, type FuzzReport, fuzzRouter, placeName, rowCounter } from './fuzz.ts';
export { freeBasePort } from './ports.ts';
