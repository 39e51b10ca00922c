import { type Kysely, sql } from 'kysely';
import type { RateLimits } from '../app/host-config.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Principal } from '../identity/principal.ts';
import type { Logger } from '../log/logger.ts';
import type { RateLimitHitTable } from './migrations.ts';

/** One call to charge: who, from where, and whether it checks a credential. */
export interface Charge {
  source: string | undefined;
  principal: Principal | null;
  /** The procedure checks a password or code: the stricter credential limits apply too. */
  credential: boolean;
  /** For a credential check before login: the account named in the input, and the field that named it. */
  account?: { id: string; field: string } | undefined;
  now: Date;
}

/** Counts each call against the limits; throws `RATE_LIMITED` (429) over one. */
export interface CallLimiter {
  charge(call: Charge): Promise<void>;
}

interface Bucket {
  key: string;
  limit: number;
  what: string;
  field?: string;
}

function bucketsOf(limits: RateLimits, call: Charge): Bucket[] {
  const source = call.source ?? 'unknown';
  const official = call.principal?.kind === 'official' ? call.principal.id : undefined;
  const buckets: Bucket[] = [];
  const add = (key: string, limit: number, what: string, field?: string) => {
    if (limit > 0) buckets.push({ key, limit, what, ...(field ? { field } : {}) });
  };
  add(`src:${source}`, limits.perSource, 'calls from this source address');
  if (official) add(`acct:${official}`, limits.perAccount, 'calls by this account');
  if (call.credential) {
    add(`cred-src:${source}`, limits.credentialPerSource, 'credential checks from this source address');
    const account = official ?? call.account?.id;
    if (account)
      add(
        `cred-acct:${account}`,
        limits.credentialPerAccount,
        'credential checks for this account',
        call.account?.field,
      );
  }
  // One order for every caller, so two upserts of the same buckets never wait on each other crosswise.
  return buckets.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Fixed-window counters in the app's own database: one upsert per call adds
 * one hit to each of its buckets and returns the totals, atomically, so the
 * limits hold across every process that shares the database (replicas, the
 * distributed mode) and across the calls of one batch. Calls of other apps
 * (service principals) are not limited: they are authenticated by enrolled
 * keys, and their load is the platform's own.
 *
 * @example
 * const limiter = createRateLimiter(db, hostLimitsFromEnv().rate, log);
 * await limiter.charge({ source: '203.0.113.9', principal, credential: false, now: new Date() });
 */
export function createRateLimiter(db: Kysely<any>, limits: RateLimits, log: Logger): CallLimiter {
  const rows = db as Kysely<{ rate_limit_hit: RateLimitHitTable }>;
  const windowMs = limits.windowSeconds * 1000;
  let swept = 0;
  return {
    async charge(call) {
      if (call.principal?.kind === 'service') return;
      const buckets = bucketsOf(limits, call);
      if (buckets.length === 0) return;
      const start = Math.floor(call.now.getTime() / windowMs) * windowMs;
      const windowStart = new Date(start);
      const counted = await rows
        .insertInto('rate_limit_hit')
        .values(buckets.map((b) => ({ bucket: b.key, window_start: windowStart, hits: 1 })))
        .onConflict((oc) =>
          oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql<number>`rate_limit_hit.hits + 1` }),
        )
        .returning(['bucket', 'hits'])
        .execute();
      if (start > swept) {
        // Once per window and process: windows before the previous one can go.
        swept = start;
        rows
          .deleteFrom('rate_limit_hit')
          .where('window_start', '<', new Date(start - windowMs))
          .execute()
          .catch((error) => log.warn({ err: error }, 'rate limit sweep failed'));
      }
      for (const bucket of buckets) {
        const hits = counted.find((r) => r.bucket === bucket.key)?.hits ?? 0;
        if (hits <= bucket.limit) continue;
        const retry = Math.max(1, Math.ceil((start + windowMs - call.now.getTime()) / 1000));
        throw new DomainError(
          'RATE_LIMITED',
          `rate limit: at most ${bucket.limit} ${bucket.what} per ${limits.windowSeconds} s; try again in ${retry} s`,
          {
            ...(bucket.field ? { field: bucket.field } : {}),
            rule: 'rate_limit',
            retryAfterSeconds: retry,
            // The first refusal of a bucket in its window is audited; the flood after it is only counted.
            firstInWindow: hits === bucket.limit + 1,
          },
        );
      }
    },
  };
}
