import { z } from 'zod';

/**
 * What the platform publishes about tokens that must no longer work before
 * they expire: sessions ended by logout, subjects (officials) whose every
 * token issued before a moment is void (account disabled, password reset,
 * "log out everywhere"), and revoked catalog grants (S3.1), so an owner app
 * refuses a revoked grant's token before it expires. Entries only need to live as long as the longest
 * token, so the list stays short.
 */
export const revocationList = z.object({
  sessions: z.array(z.object({ sid: z.string(), until: z.number() })),
  subjects: z.array(z.object({ sub: z.string(), notBefore: z.number(), until: z.number() })),
  /** Catalog grants the owner revoked, while a grant token issued before could still verify. */
  grants: z.array(z.object({ id: z.string(), until: z.number() })).default([]),
});

export type RevocationList = z.infer<typeof revocationList>;

/** The claims a revocation decision looks at. */
export interface RevocableClaims {
  sub: string;
  sid?: string | undefined;
  iat: number;
}

export interface Revocations {
  isRevoked(claims: RevocableClaims): boolean;
  /** Whether the platform's catalog has revoked this grant (by its `gid`). */
  isGrantRevoked(grantId: string): boolean;
  /** Fetches the list now (after a logout in a test, or at start). */
  refresh(): Promise<void>;
  stop(): void;
}

/** A decision function over one list; `until` and `notBefore` are seconds since the epoch. */
export function revokedBy(
  list: Pick<RevocationList, 'sessions' | 'subjects'>,
): (claims: RevocableClaims) => boolean {
  const sessions = new Set(list.sessions.map((s) => s.sid));
  const subjects = new Map(list.subjects.map((s) => [s.sub, s.notBefore]));
  return (claims) => {
    if (claims.sid && sessions.has(claims.sid)) return true;
    const notBefore = subjects.get(claims.sub);
    return notBefore !== undefined && claims.iat < notBefore;
  };
}

/** A decision function over one list's revoked grants. */
export function grantsRevokedBy(list: Pick<RevocationList, 'grants'>): (grantId: string) => boolean {
  const grants = new Set(list.grants.map((g) => g.id));
  return (grantId) => grants.has(grantId);
}

/**
 * Keeps a fresh copy of the platform's revocation list by polling
 * `GET <platform>/.well-known/revocations` (every 2 s by default), so every
 * app refuses a logged-out session, or a revoked grant, within one interval without asking the
 * platform on each request. If the platform is unreachable the last list
 * stays in force.
 *
 * @example
 * const revocations = pollRevocations({ url: 'http://127.0.0.1:4100/.well-known/revocations' });
 * const verify = createTokenVerifier({ keys, audience: 'golden-shield', revocations });
 */
export function pollRevocations(options: {
  url: string;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): Revocations {
  let decide: (claims: RevocableClaims) => boolean = () => false;
  let decideGrant: (grantId: string) => boolean = () => false;
  const refresh = async () => {
    try {
      const res = await fetch(options.url, { signal: AbortSignal.timeout(2_000) });
      if (!res.ok) throw new Error(`revocation list: HTTP ${res.status}`);
      const list = revocationList.parse(await res.json());
      decide = revokedBy(list);
      decideGrant = grantsRevokedBy(list);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const timer = setInterval(() => void refresh(), options.intervalMs ?? 2_000);
  timer.unref();
  return {
    isRevoked: (claims) => decide(claims),
    isGrantRevoked: (grantId) => decideGrant(grantId),
    refresh,
    stop: () => clearInterval(timer),
  };
}

/** A fixed decision, for the platform itself (which reads its own tables) and for tests. */
export function staticRevocations(
  isRevoked: (claims: RevocableClaims) => boolean,
  isGrantRevoked: (grantId: string) => boolean = () => false,
): Revocations {
  return { isRevoked, isGrantRevoked, refresh: async () => {}, stop: () => {} };
}
