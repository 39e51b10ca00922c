import {
  createTokenVerifier,
  generateSigningKey,
  PLATFORM_AUDIENCE,
  PLATFORM_ISSUER,
  signAccessToken,
  staticRevocations,
} from '@egov/kernel/identity';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { benchSeconds, compare, num, ratio } from './measure.ts';

/**
 * Access tokens verified per second through the kernel verifier
 * (`createTokenVerifier`: jose, then the claims parsed into a principal, then
 * the revocation check) versus `jwtVerify` from jose alone with a local JWK
 * set and the same issuer, audience and algorithm checks, on the same token,
 * in the same run. One verification at a time, for a fixed time; no HTTP.
 */
export const tokenVerifyBenchmark = {
  name: 'identity token verification',
  async run(): Promise<string> {
    const seconds = benchSeconds();
    const key = await generateSigningKey();
    const jwks = { keys: [key.publicJwk] };
    const token = await signAccessToken(
      key,
      {
        typ: 'official',
        sub: 'official:bench',
        username: 'bench',
        agency: 'golden-shield',
        roles: ['registrar'],
        perms: ['golden-shield.resident.read', 'golden-shield.resident.register'],
        sid: 'session-bench',
        amr: ['pwd'],
      },
      { audience: PLATFORM_AUDIENCE, ttlSeconds: 3600 },
    );
    const verify = createTokenVerifier({
      keys: { jwks },
      audience: 'golden-shield',
      revocations: staticRevocations(() => false),
    });
    const getKey = createLocalJWKSet(jwks);
    const options = {
      issuer: PLATFORM_ISSUER,
      audience: ['golden-shield', PLATFORM_AUDIENCE],
      algorithms: ['EdDSA'],
    };
    // Both sides must accept the token, or we would be timing refusals.
    await verify(token);
    await jwtVerify(token, getKey, options);
    // Does the verifier consult its revocations at all? (Say so with the figures: it changes what is timed.)
    const revokeAll = createTokenVerifier({
      keys: { jwks },
      audience: 'golden-shield',
      revocations: staticRevocations(() => true),
    });
    const consulted = await revokeAll(token).then(
      () => false,
      () => true,
    );

    const { subject, baseline } = await compare(
      () => verify(token),
      () => jwtVerify(token, getKey, options),
      seconds,
    );
    return [
      this.name,
      `  method:   one EdDSA access token verified back to back for ${seconds} s per side (warm-up 10 %, halves S B B S), no HTTP`,
      `  kernel:   ${num(subject.perSecond)} tokens/s (${num(1e6 / subject.perSecond)} µs each; createTokenVerifier + staticRevocations)`,
      `  baseline: ${num(baseline.perSecond)} tokens/s (${num(1e6 / baseline.perSecond)} µs each; jose jwtVerify + createLocalJWKSet)`,
      `  ratio:    ${ratio(subject.perSecond, baseline.perSecond)} of baseline throughput`,
      consulted
        ? '  note:     the verifier consults `revocations` (a token revoked by it is refused)'
        : '  note:     the verifier does NOT consult `revocations`: a verifier whose list revokes everything still accepts the token',
    ].join('\n');
  },
};
