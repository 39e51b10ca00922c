import { DomainError } from '../errors/domain-error.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold?: number;
  /** How long it stays open before one trial call is let through. */
  cooldownMs?: number;
  now?: () => number;
}

/**
 * A circuit breaker per target app: after `threshold` consecutive failures
 * (unreachable, timed out, 5xx) calls fail fast with UNAVAILABLE for
 * `cooldownMs`; then one trial call decides whether it closes again. It sits
 * at the fetch level so that it sees transport failures, not domain errors:
 * a 404 or 409 is an answer, not an outage.
 */
export function createBreaker(target: string, options: BreakerOptions = {}) {
  const threshold = options.threshold ?? 5;
  const cooldownMs = options.cooldownMs ?? 10_000;
  const now = options.now ?? Date.now;
  let failures = 0;
  let openUntil = 0;
  let trialInFlight = false;

  return {
    state(): 'closed' | 'open' | 'half-open' {
      if (failures < threshold) return 'closed';
      return now() < openUntil ? 'open' : 'half-open';
    },
    async run(call: () => Promise<Response>): Promise<Response> {
      const state = this.state();
      if (state === 'open' || (state === 'half-open' && trialInFlight)) {
        throw new DomainError(
          'UNAVAILABLE',
          `circuit open for ${target}: calls fail fast for ${Math.ceil((openUntil - now()) / 1000)} s`,
        );
      }
      trialInFlight = state === 'half-open';
      try {
        const res = await call();
        if (res.status >= 500) record(false);
        else record(true);
        return res;
      } catch (error) {
        record(false);
        throw error;
      } finally {
        trialInFlight = false;
      }
    },
  };

  function record(ok: boolean) {
    if (ok) {
      failures = 0;
      return;
    }
    failures += 1;
    if (failures >= threshold) openUntil = now() + cooldownMs;
  }
}

export type Breaker = ReturnType<typeof createBreaker>;
