/**
 * Golden-shield's plain service functions, for tooling that runs beside the
 * app (benchmarks, scripts). Other apps never import these: they call the
 * procedures through the network client.
 */
export { migrations } from './migrations/index.ts';
export { demoResidentIds, seedGoldenShield } from './seed.ts';
export { verifyIdentity } from './verification/verification.service.ts';
