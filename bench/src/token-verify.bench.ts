import {
  createTokenVerifier,
  generateSigningKey,
  PLATFORM_AUDIENCE,
  PLATFORM_ISSUER,
  signAccessToken,
  staticRevocations,
} from '@egov/kernel/identity';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { benchSeconds, compare, num, type Report, ratio } from './measure.ts';

/** Distinct tokens the cold side cycles through: more than the verifier's cache holds (10,000). */
const COLD_TOKENS = 12_000;

/** Tokens per second: the kernel verifier on a repeated token (a cache hit) and on unseen tokens, each against jose. */
export interface TokenVerifyFigures {
  cached: { kernel: number; jose: number };
  cold: { kernel: number; jose: number };
}

/**
 * Access tokens verified per second through the kernel verifier
 * (`createTokenVerifier`: jose, then the claims parsed into a principal, then
 * the revocation check; a verified token is remembered until it expires)
 * versus `jwtVerify` from jose alone with a local JWK set and the same issuer,
 * audience and algorithm checks, in the same run. One verification at a time,
 * for a fixed time; no HTTP. Two pairs:
 * - cache hit: the same token every time (after the first call the verifier
 *   only checks the revocations);
 * - cold: tokens the verifier has not seen (12,000 distinct tokens in turn,
 *   more than its cache of 10,000 keeps, so every call checks the signature;
 *   the benchmark counts the key look-ups to prove it), jose on the same tokens.
 */
export const tokenVerifyBenchmark = {
  name: 'identity token verification',
  async run(): Promise<Report<TokenVerifyFigures>> {
    const seconds = benchSeconds();
    const key = await generateSigningKey();
    const jwks = { keys: [key.publicJwk] };
    const sign = () =>
      signAccessToken(
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
    const token = await sign();
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

    const cached = await compare(
      () => verify(token),
      () => jwtVerify(token, getKey, options),
      seconds,
    );

    // Cold: a verifier of its own whose key look-ups are counted (jose asks for the key once per
    // signature check), over tokens it cannot have cached when they come round again.
    const tokens: string[] = [];
    for (let i = 0; i < COLD_TOKENS; i++) tokens.push(await sign());
    let lookups = 0;
    const countedKey = (...args: Parameters<typeof getKey>) => {
      lookups += 1;
      return getKey(...args);
    };
    const coldVerify = createTokenVerifier({
      keys: { getKey: countedKey },
      audience: 'golden-shield',
      revocations: staticRevocations(() => false),
    });
    // Counters of their own: the iteration number restarts with every half.
    let coldCalls = 0;
    let joseCalls = 0;
    const cold = await compare(
      () => coldVerify(tokens[coldCalls++ % COLD_TOKENS]!),
      () => jwtVerify(tokens[joseCalls++ % COLD_TOKENS]!, getKey, options),
      seconds,
    );
    if (lookups !== coldCalls) {
      throw new Error(`cold side: ${coldCalls - lookups} of ${coldCalls} verifications were cache hits`);
    }

    const us = (perSecond: number) => `${num(1e6 / perSecond)} µs each`;
    return {
      text: [
        this.name,
        `  method:   EdDSA access tokens verified back to back for ${seconds} s per side (warm-up 10 %, halves S B B S), no HTTP; ` +
          `cache hit: one token every time; cold: ${num(COLD_TOKENS)} distinct tokens in turn (the verifier caches 10,000), ` +
          `every kernel call a signature check (${num(lookups)} key look-ups for ${num(coldCalls)} calls)`,
        `  cache hit: kernel ${num(cached.subject.perSecond)} tokens/s (${us(cached.subject.perSecond)}; createTokenVerifier + staticRevocations)`,
        `             jose   ${num(cached.baseline.perSecond)} tokens/s (${us(cached.baseline.perSecond)}; jwtVerify + createLocalJWKSet)`,
        `             ratio  ${ratio(cached.subject.perSecond, cached.baseline.perSecond)} of jose's throughput`,
        `  cold:      kernel ${num(cold.subject.perSecond)} tokens/s (${us(cold.subject.perSecond)}; a token it has not seen)`,
        `             jose   ${num(cold.baseline.perSecond)} tokens/s (${us(cold.baseline.perSecond)}; the same tokens)`,
        `             ratio  ${ratio(cold.subject.perSecond, cold.baseline.perSecond)} of jose's throughput`,
        consulted
          ? '  note:     the verifier consults `revocations` (a token revoked by it is refused)'
          : '  note:     the verifier does NOT consult `revocations`: a verifier whose list revokes everything still accepts the token',
      ].join('\n'),
      figures: {
        cached: { kernel: cached.subject.perSecond, jose: cached.baseline.perSecond },
        cold: { kernel: cold.subject.perSecond, jose: cold.baseline.perSecond },
      },
    };
  },
};
