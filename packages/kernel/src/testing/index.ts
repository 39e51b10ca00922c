/** Test fixtures every package needs: database targets, a throwaway token issuer, a silent logger. */
export {
  type DatabaseTarget,
  databaseTargets,
  dropFresh,
  freshDatabase,
  freshDatabaseUrl,
  uniqueSchema,
} from './databases.ts';
export { type TestIdentity, testIdentity } from './identity.ts';
export { silentLogger } from './logger.ts';
