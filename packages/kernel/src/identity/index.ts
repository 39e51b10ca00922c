export { type AccessTokenClaims, accessTokenClaims, PLATFORM_AUDIENCE, PLATFORM_ISSUER } from './claims.ts';
export {
  ALL_OBJECTS,
  assertPermissionName,
  hasPermission,
  type OfficialPrincipal,
  permissionPattern,
  permits,
  type Principal,
  scopeAllows,
  type ServicePrincipal,
  type Zone,
} from './principal.ts';
export {
  bearerToken,
  createTokenVerifier,
  type KeySource,
  type TokenVerifier,
  type TokenVerifierOptions,
} from './verifier.ts';
export { generateSigningKey, type IssueOptions, type SigningKey, signAccessToken } from './issuer.ts';
export {
  SERVICE_ASSERTION_AUDIENCE,
  SERVICE_ASSERTION_MAX_SECONDS,
  signServiceAssertion,
} from './assertion.ts';
export { loadOrCreateServiceKey, type ServiceKey } from './service-key.ts';
export {
  pollRevocations,
  type RevocableClaims,
  type RevocationList,
  type Revocations,
  revocationList,
  grantsRevokedBy,
  revokedBy,
  staticRevocations,
} from './revocation.ts';
export { zoneRefusal } from './zones.ts';
export {
  createGrantVerifier,
  GRANT_HEADER,
  type GrantClaims,
  grantClaims,
  type GrantVerifier,
  signGrant,
} from './grants.ts';
