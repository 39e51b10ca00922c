import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { PLATFORM_ISSUER } from './claims.ts';
import type { SigningKey } from './issuer.ts';
import type { Revocations } from './revocation.ts';
import { type KeySource, keyGetter } from './verifier.ts';

/**
 * A grant (S3.1 catalog and exchange): the owner agency's consent, issued by
 * the platform, that one consumer app may call some procedures of one
 * information resource for a stated purpose until it expires. The consumer
 * presents it as `x-egov-grant`; the owner's app checks it locally.
 */
export const grantClaims = z.object({
  typ: z.literal('grant'),
  /** The grant's id in the platform's catalog. */
  gid: z.string(),
  /** The consumer: `service:<app>`. */
  sub: z.string().startsWith('service:'),
  /** The resource identifier in the catalog. */
  res: z.string(),
  /** The owner app's procedures the grant covers. */
  procs: z.array(z.string()).min(1),
  purpose: z.string(),
});

export type GrantClaims = z.infer<typeof grantClaims>;
export const GRANT_HEADER = 'x-egov-grant';

export async function signGrant(
  key: SigningKey,
  claims: GrantClaims,
  options: { owner: string; expiresAt: Date; now?: Date },
): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'grant+jwt' })
    .setIssuer(PLATFORM_ISSUER)
    .setAudience(options.owner)
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor(options.expiresAt.getTime() / 1000))
    .sign(key.privateKey);
}

export type GrantVerifier = (token: string) => Promise<GrantClaims>;

/**
 * Checks grants issued for this app (audience) with the platform's keys, and
 * against the platform's revocation list when given one.
 *
 * @example
 * const verifyGrant = createGrantVerifier({ keys: { jwksUrl }, audience: 'golden-shield' });
 */
export function createGrantVerifier(options: {
  keys: KeySource;
  audience: string;
  /** The platform's revocation list (polled): a revoked grant is refused before its token expires. */
  revocations?: Pick<Revocations, 'isGrantRevoked'>;
}): GrantVerifier {
  const getKey = keyGetter(options.keys);
  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, getKey as Parameters<typeof jwtVerify>[1], {
        issuer: PLATFORM_ISSUER,
        audience: options.audience,
        algorithms: ['EdDSA'],
        typ: 'grant+jwt',
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new DomainError(
        'FORBIDDEN',
        `grant refused: ${expired ? 'expired' : 'not a valid grant for this app'}`,
        { field: GRANT_HEADER, rule: expired ? 'expired' : 'invalid' },
      );
    }
    const claims = grantClaims.safeParse(payload);
    if (!claims.success)
      throw new DomainError('FORBIDDEN', 'grant refused: claims are malformed', {
        field: GRANT_HEADER,
        rule: 'invalid',
      });
    if (options.revocations?.isGrantRevoked(claims.data.gid))
      throw new DomainError('FORBIDDEN', 'grant refused: revoked by the owner', {
        field: GRANT_HEADER,
        rule: 'revoked',
      });
    return claims.data;
  };
}
