import { CountedRefusal } from '@egov/kernel/errors';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { issueSessionToken, type SessionTokens } from '../sessions/issue.ts';
import { openSession } from '../sessions/session.service.ts';
import { attemptPassword, clearFailures } from './lockout.ts';

/**
 * One message for every refusal (wrong password, unknown user, disabled or
 * locked account), so an answer never confirms that a username exists.
 */
const REFUSED = 'username or password is wrong';

export interface LoginResult extends SessionTokens {
  /** `<sid>.<secret>` for `auth.refresh`; rotated on every refresh. */
  refreshToken: string;
}

/**
 * Checks an official's password and opens a session. Its first token is for
 * every app (audience `egov`) and carries `sid` and `amr: ['pwd']`; if the
 * session still owes a step (second factor, expired password) the token only
 * permits that step (see `pendingStep`).
 *
 * Every path costs one argon2 verification (unknown users and locked
 * accounts are checked against a dummy hash), so timing tells no account
 * apart. Attempts at one account take turns under its row lock, and a failure
 * is counted before the next attempt is checked (a `CountedRefusal` commits
 * the count): once the allowed failures are recorded, no password is checked,
 * whatever the concurrency or batching.
 *
 * @example
 * const { accessToken, refreshToken, pending } = await login(db, keyStoreFor(db), { username: 'clerk', password: 'clerk-demo-password' }, new Date());
 */
export async function login(
  db: PlatformDb,
  keys: KeyStore,
  credentials: { username: string; password: string },
  now: Date,
  audit: { objects(...ids: string[]): void } = { objects: () => {} },
): Promise<LoginResult> {
  const attempt = await attemptPassword(db, { username: credentials.username }, credentials.password, now);
  if (attempt.official) audit.objects(`official:${attempt.official.id}`);
  if (attempt.outcome !== 'accepted') throw new CountedRefusal('UNAUTHORIZED', REFUSED);
  await clearFailures(db, attempt.official.id);
  const { session, refreshToken } = await openSession(db, attempt.official.id, now);
  return { ...(await issueSessionToken(db, keys, session, now)), refreshToken };
}
