import {
  createTokenVerifier,
  generateSigningKey,
  PLATFORM_AUDIENCE,
  type SigningKey,
  signAccessToken,
  signGrant,
  type TokenVerifier,
  type Zone,
} from '../identity/index.ts';

export interface TestIdentity {
  key: SigningKey;
  verifyToken: TokenVerifier;
  /** A token for an official of `agency` holding exactly `permissions`. */
  officialToken(options: {
    permissions: string[];
    agency?: string;
    username?: string;
    /** Object-level scopes, as the platform issues them (`{ 'budget-unit': ['201001'] }`). */
    scopes?: Record<string, string[]>;
    ttlSeconds?: number;
    now?: Date;
  }): Promise<string>;
  serviceToken(options: {
    app: string;
    zone?: Zone;
    permissions: string[];
    audience?: string;
  }): Promise<string>;
  /** A catalog grant for `consumer` (an app name) to call `procedures` of `resource` at `owner`. */
  grantToken(options: {
    consumer: string;
    owner: string;
    resource: string;
    procedures: string[];
    ttlSeconds?: number;
  }): Promise<string>;
}

/**
 * A throwaway issuer for tests: a fresh Ed25519 key, a verifier that trusts
 * only it, and helpers that mint tokens the way the platform does.
 */
export async function testIdentity(audience: string): Promise<TestIdentity> {
  const key = await generateSigningKey();
  const verifyToken = createTokenVerifier({ keys: { jwks: { keys: [key.publicJwk] } }, audience });
  return {
    key,
    verifyToken,
    officialToken: ({
      permissions,
      agency = 'test-agency',
      username = 'tester',
      scopes,
      ttlSeconds = 300,
      now,
    }) =>
      signAccessToken(
        key,
        {
          typ: 'official',
          sub: `official:${username}`,
          username,
          agency,
          roles: [],
          perms: permissions,
          ...(scopes ? { scopes } : {}),
        },
        { audience: PLATFORM_AUDIENCE, ttlSeconds, ...(now ? { now } : {}) },
      ),
    grantToken: ({ consumer, owner, resource, procedures, ttlSeconds = 300 }) =>
      signGrant(
        key,
        {
          typ: 'grant',
          gid: `G-test-${consumer}`,
          sub: `service:${consumer}`,
          res: resource,
          procs: procedures,
          purpose: 'tests',
        },
        { owner, expiresAt: new Date(Date.now() + ttlSeconds * 1000) },
      ),
    serviceToken: ({ app, zone = 'internal', permissions, audience: aud = audience }) =>
      signAccessToken(
        key,
        { typ: 'service', sub: `service:${app}`, zone, perms: permissions },
        { audience: aud, ttlSeconds: 300 },
      ),
  };
}
