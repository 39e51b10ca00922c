import { CountedRefusal, DomainError } from '@egov/kernel/errors';
import { securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { issueSessionToken, type SessionTokens } from '../sessions/issue.ts';
import { revokeAllSessions } from '../sessions/session.service.ts';
import { countMfaFailure } from './attempts.ts';
import { platformSecrets, totpContext } from './secrets.ts';
import { matchingStep, newTotpSecret, otpauthUri } from './totp.ts';

/** The caller's session and who they are. */
export interface Caller {
  sid: string;
  officialId: string;
  username: string;
}

/**
 * Starts (or restarts) TOTP enrolment and returns the `otpauth://` URI, the
 * only time the secret leaves the platform. An active factor is not replaced
 * this way: a borrowed session must not be able to swap it.
 *
 * @example
 * const { otpauthUri } = await enrolTotp(db, caller, now);
 */
export async function enrolTotp(db: PlatformDb, caller: Caller, now: Date): Promise<{ otpauthUri: string }> {
  const secret = newTotpSecret();
  // Stored sealed (SM4 + HMAC-SM3, bound to this official's row); the plaintext leaves only in the URI.
  const stored = platformSecrets().seal(secret, totpContext(caller.officialId));
  const written = await db
    .insertInto('official_mfa')
    .values({ official_id: caller.officialId, secret: stored, created_at: now })
    .onConflict((oc) =>
      oc
        .column('official_id')
        .doUpdateSet({ secret: stored, created_at: now, last_step: null })
        .where('official_mfa.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  if (!written.numInsertedOrUpdatedRows) {
    throw new DomainError(
      'CONFLICT',
      'a second factor is already active; a security administrator can reset it',
      {
        rule: 'already_active',
      },
    );
  }
  return { otpauthUri: otpauthUri(secret, caller.username) };
}

/**
 * The stored secret, opened. A value that is not sealed, or does not open
 * (changed in the database, copied from another official, another key), is
 * refused rather than used: accepting plaintext would let anyone who can
 * write the table choose an official's second factor.
 */
function openSecret(stored: string, officialId: string): string {
  try {
    return platformSecrets().open(stored, totpContext(officialId));
  } catch {
    throw new DomainError(
      'PRECONDITION_FAILED',
      'the stored second factor cannot be opened; a security administrator must reset it',
      { rule: 'factor_unreadable' },
    );
  }
}

/**
 * Takes the session's row lock, so the codes tried against one session (in
 * parallel requests, or the calls of one batch) are checked one at a time,
 * each after the previous one's failure was counted; refuses a session that
 * ended or has used up its attempts, before any code is looked at.
 */
async function lockSession(db: PlatformDb, sid: string): Promise<void> {
  const session = await db
    .selectFrom('session')
    .select(['mfa_failures', 'revoked_at'])
    .where('sid', '=', sid)
    .forUpdate()
    .executeTakeFirst();
  if (!session || session.revoked_at !== null || session.mfa_failures >= securityConfig().mfa.maxAttempts) {
    throw new DomainError('UNAUTHORIZED', 'session ended: log in again', {
      field: 'code',
      rule: 'session_ended',
    });
  }
}

/** Counts a wrong, expired or replayed code under the session's lock; the refusal commits the count. */
async function refuseCode(
  db: PlatformDb,
  sid: string,
  now: Date,
  message: string,
  rule: string,
): Promise<never> {
  await countMfaFailure(db, sid, now);
  throw new CountedRefusal('UNAUTHORIZED', message, { field: 'code', rule });
}

/**
 * Checks a code against the factor and takes its time step, once: the update
 * succeeds only for a step later than the last accepted one, so a replayed
 * code (or two racing requests with one code) gets through at most once.
 */
async function takeCode(db: PlatformDb, caller: Caller, code: string, now: Date, confirming: boolean) {
  await lockSession(db, caller.sid);
  const factor = await db
    .selectFrom('official_mfa')
    .select(['secret', 'confirmed_at'])
    .where('official_id', '=', caller.officialId)
    .executeTakeFirst();
  if (!factor || (factor.confirmed_at === null) !== confirming) {
    const message = confirming
      ? 'no enrolment awaits confirmation: call mfa.enrol first'
      : 'no second factor is active';
    throw new DomainError('CONFLICT', message, { rule: confirming ? 'not_enrolling' : 'not_enrolled' });
  }
  const step = matchingStep(openSecret(factor.secret, caller.officialId), code, now);
  if (step === null)
    return refuseCode(db, caller.sid, now, 'one-time code refused: wrong or expired', 'wrong');
  const taken = await db
    .updateTable('official_mfa')
    .set({ last_step: step, ...(confirming ? { confirmed_at: now } : {}) })
    .where('official_id', '=', caller.officialId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', String(step))]))
    .executeTakeFirst();
  if (!taken.numUpdatedRows) {
    return refuseCode(db, caller.sid, now, 'one-time code refused: already used', 'replayed');
  }
}

/** Marks the session as two-factor and issues its next token (with full permissions unless another step is owed). */
async function upgrade(db: PlatformDb, keys: KeyStore, sid: string, now: Date): Promise<SessionTokens> {
  const session = await db
    .updateTable('session')
    .set({ amr: ['pwd', 'otp'], last_seen_at: now })
    .where('sid', '=', sid)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (!session) throw new DomainError('UNAUTHORIZED', 'session ended: log in again');
  return issueSessionToken(db, keys, session, now);
}

/**
 * Activates an enrolment with its first code and upgrades the session.
 *
 * @example
 * const tokens = await confirmTotp(db, keys, caller, '492039', now); // amr ['pwd', 'otp']
 */
export async function confirmTotp(db: PlatformDb, keys: KeyStore, caller: Caller, code: string, now: Date) {
  await takeCode(db, caller, code, now, true);
  return upgrade(db, keys, caller.sid, now);
}

/**
 * The second factor of a login: upgrades the same session to its full permissions.
 *
 * @example
 * const tokens = await verifyTotp(db, keys, caller, '492039', now);
 */
export async function verifyTotp(db: PlatformDb, keys: KeyStore, caller: Caller, code: string, now: Date) {
  await takeCode(db, caller, code, now, false);
  return upgrade(db, keys, caller.sid, now);
}

/**
 * Removes an official's factor (lost phone) and ends their sessions; their
 * next login enrols anew. A security administrator's act.
 *
 * @example
 * await resetTotp(db, official.id, now);
 */
export async function resetTotp(db: PlatformDb, officialId: string, now: Date) {
  const removed = await db
    .deleteFrom('official_mfa')
    .where('official_id', '=', officialId)
    .executeTakeFirst();
  const sessionsEnded = await revokeAllSessions(db, officialId, 'mfa-reset', now);
  return { reset: removed.numDeletedRows > 0n, sessionsEnded };
}
