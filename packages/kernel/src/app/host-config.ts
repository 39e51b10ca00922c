import { z } from 'zod';
import { parseAddressList } from './client-address.ts';

/**
 * The limits every app's host enforces, one set per process, read from the
 * environment (README, "Security"). A bad value stops the app at start
 * instead of weakening it silently.
 */
export interface HostLimits {
  /** Most calls in one tRPC batch of queries (GET); 1 turns batching off. */
  maxBatch: number;
  /** Most calls in one batch of mutations (POST); 1 (the default) means mutations are never batched. */
  maxMutationBatch: number;
  rate: RateLimits;
  /** Proxies whose `X-Forwarded-For` is believed (IPs or CIDRs); empty: the socket's address is the source. */
  trustedProxies: string[];
  metrics: {
    /** Sources that may read `/metrics` without a token (IPs or CIDRs); default loopback only. */
    allow: string[];
    /** A bearer token that opens `/metrics` from anywhere; unset: no token is accepted. */
    token: string | undefined;
  };
}

/**
 * Calls per window, counted in the app's database (so they hold across
 * processes and replicas sharing it); 0 switches a limit off. Every call of a
 * batch counts like a request of its own. Calls from other apps (service
 * tokens) are not limited.
 */
export interface RateLimits {
  windowSeconds: number;
  /** Calls from one source address (anonymous and officials' calls). */
  perSource: number;
  /** Calls by one official. */
  perAccount: number;
  /** Credential checks (login, second factor, password change...) from one source address. */
  credentialPerSource: number;
  /** Credential checks for one account (the username given, or the caller). */
  credentialPerAccount: number;
}

const count = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000_000).default(fallback);
const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    );

const Env = z.object({
  EGOV_TRPC_MAX_BATCH: z.coerce.number().int().min(1).max(1000).default(10),
  EGOV_TRPC_MAX_MUTATION_BATCH: z.coerce.number().int().min(1).max(1000).default(1),
  EGOV_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  EGOV_RATE_LIMIT_PER_SOURCE: count(3000),
  EGOV_RATE_LIMIT_PER_ACCOUNT: count(1200),
  EGOV_RATE_LIMIT_CREDENTIAL_PER_SOURCE: count(100),
  EGOV_RATE_LIMIT_CREDENTIAL_PER_ACCOUNT: count(10),
  EGOV_TRUSTED_PROXIES: list(''),
  EGOV_METRICS_ALLOW: list('127.0.0.0/8,::1'),
  EGOV_METRICS_TOKEN: z.string().min(16, 'EGOV_METRICS_TOKEN must be at least 16 characters').optional(),
});

/**
 * The host's limits from `env`, with the documented defaults.
 *
 * @example
 * const limits = hostLimitsFromEnv({ EGOV_TRPC_MAX_BATCH: '5' }); // limits.maxBatch === 5
 */
export function hostLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HostLimits {
  const e = Env.parse(env);
  // Parsed here so a bad address fails at start, named.
  parseAddressList(e.EGOV_TRUSTED_PROXIES, 'EGOV_TRUSTED_PROXIES');
  parseAddressList(e.EGOV_METRICS_ALLOW, 'EGOV_METRICS_ALLOW');
  return {
    maxBatch: e.EGOV_TRPC_MAX_BATCH,
    maxMutationBatch: e.EGOV_TRPC_MAX_MUTATION_BATCH,
    rate: {
      windowSeconds: e.EGOV_RATE_LIMIT_WINDOW_SECONDS,
      perSource: e.EGOV_RATE_LIMIT_PER_SOURCE,
      perAccount: e.EGOV_RATE_LIMIT_PER_ACCOUNT,
      credentialPerSource: e.EGOV_RATE_LIMIT_CREDENTIAL_PER_SOURCE,
      credentialPerAccount: e.EGOV_RATE_LIMIT_CREDENTIAL_PER_ACCOUNT,
    },
    trustedProxies: e.EGOV_TRUSTED_PROXIES,
    metrics: { allow: e.EGOV_METRICS_ALLOW, token: e.EGOV_METRICS_TOKEN },
  };
}

/** Settings a runtime overrides (tests, benchmarks), merged over the environment's. */
export type HostLimitsOverride = Partial<Omit<HostLimits, 'rate' | 'metrics'>> & {
  rate?: Partial<RateLimits>;
  metrics?: Partial<HostLimits['metrics']>;
};

export function mergeLimits(base: HostLimits, override: HostLimitsOverride = {}): HostLimits {
  return {
    ...base,
    ...override,
    rate: { ...base.rate, ...override.rate },
    metrics: { ...base.metrics, ...override.metrics },
  };
}
