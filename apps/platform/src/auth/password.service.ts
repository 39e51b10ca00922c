import { CountedRefusal, DomainError } from '@egov/kernel/errors';
import type { OfficialPrincipal } from '@egov/kernel/identity';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { hashPassword } from '../officials/password.ts';
import { assertPassword } from '../passwords/policy.ts';
import { issueSessionToken, mfaStatus, type SessionTokens } from '../sessions/issue.ts';
import { revokeAllSessions } from '../sessions/session.service.ts';
import { attemptPassword } from './lockout.ts';

/**
 * Changes the caller's own password under the deployment's profile. The
 * current password is asked again (a borrowed session must not be enough),
 * and a wrong one counts towards the lockout like a failed login; while the
 * account is locked it is not checked at all (429, `locked`). Every other
 * session of the official ends; this one continues with a fresh token, which
 * is how a session that owed a password change becomes a full one.
 *
 * @example
 * const tokens = await changePassword(db, keys, principal, { currentPassword, newPassword }, now);
 */
export async function changePassword(
  db: PlatformDb,
  keys: KeyStore,
  principal: OfficialPrincipal,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<SessionTokens> {
  const sid = principal.sessionId;
  if (!sid) throw new DomainError('UNAUTHORIZED', 'a session token is required to change a password');
  const attempt = await attemptPassword(
    db,
    { id: principal.id.slice('official:'.length) },
    input.currentPassword,
    now,
  );
  if (attempt.outcome === 'locked') {
    throw new CountedRefusal(
      'RATE_LIMITED',
      'the account is locked after too many failed attempts: try again later, or ask a security administrator',
      { field: 'currentPassword', rule: 'locked' },
    );
  }
  if (attempt.outcome !== 'accepted') {
    throw new CountedRefusal('INVALID', 'currentPassword is wrong', {
      field: 'currentPassword',
      rule: 'mismatch',
    });
  }
  const official = attempt.official;
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('INVALID', 'newPassword must differ from the current one', {
      field: 'newPassword',
      rule: 'unchanged',
    });
  }
  const mfa = await mfaStatus(db, official.id);
  assertPassword(
    input.newPassword,
    { username: official.username, multiFactor: mfa.active || mfa.required },
    'newPassword',
  );
  await db
    .updateTable('official')
    .set({ password_hash: await hashPassword(input.newPassword), password_changed_at: now })
    .where('id', '=', official.id)
    .execute();
  await revokeAllSessions(db, official.id, 'password-changed', now, { except: sid });
  const session = await db.selectFrom('session').selectAll().where('sid', '=', sid).executeTakeFirstOrThrow();
  return issueSessionToken(db, keys, session, now);
}
