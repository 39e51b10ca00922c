import { DomainError } from '@egov/kernel/errors';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { verifyAgainstDummy, verifyPassword } from '../officials/password.ts';
import { afterTransaction } from '../request-scope.ts';
import { issueSessionToken, type SessionTokens } from '../sessions/issue.ts';
import { openSession } from '../sessions/session.service.ts';
import { clearFailures, countFailedLogin, isLocked } from './lockout.ts';

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
 * Every path costs one argon2 verification (unknown users are checked
 * against a dummy hash, locked accounts against their real one) and one
 * counter update, so timing tells no account apart. A refusal is counted
 * after the kernel's transaction, which a refusal rolls back.
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
  const row = await db
    .selectFrom('official')
    .select(['id', 'password_hash', 'disabled', 'locked_until'])
    .where('username', '=', credentials.username)
    .executeTakeFirst();
  const matches = row
    ? await verifyPassword(row.password_hash, credentials.password)
    : await verifyAgainstDummy(credentials.password);
  if (!row || !matches || row.disabled || isLocked(row, now)) {
    if (row) audit.objects(`official:${row.id}`);
    afterTransaction((root) => countFailedLogin(root, credentials.username, now));
    throw new DomainError('UNAUTHORIZED', REFUSED);
  }
  audit.objects(`official:${row.id}`);
  await clearFailures(db, row.id);
  const { session, refreshToken } = await openSession(db, row.id, now);
  return { ...(await issueSessionToken(db, keys, session, now)), refreshToken };
}
