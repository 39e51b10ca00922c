import { DomainError } from '@egov/kernel/errors';
import { PLATFORM_AUDIENCE, signAccessToken } from '@egov/kernel/identity';
import { type PendingStep, pendingStep, SELF_SERVICE, STEP_GRANTS } from '../access/grants.ts';
import { ACCESS_TOKEN_SECONDS, STEP_TOKEN_SECONDS, securityConfig } from '../config.ts';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { passwordExpired } from '../passwords/policy.ts';
import type { SessionRow } from './session.table.ts';
import { scopesOf } from '../officials/scope.service.ts';

/** What login, refresh and the second factor answer with. */
export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** The step the session still owes before it may do anything else, or null. */
  pending: PendingStep | null;
  official: { id: string; username: string; agency: string; roles: string[] };
}

/**
 * Whether the official must, or chose to, use a second factor; administrators always must.
 *
 * @example
 * const { active, required } = await mfaStatus(db, official.id);
 */
export async function mfaStatus(db: PlatformDb, officialId: string) {
  const roles = await db
    .selectFrom('official_role')
    .innerJoin('role', 'role.name', 'official_role.role_name')
    .select(['role.name', 'role.permissions', 'role.admin_kind'])
    .where('official_role.official_id', '=', officialId)
    .orderBy('role.name')
    .execute();
  const factor = await db
    .selectFrom('official_mfa')
    .select('confirmed_at')
    .where('official_id', '=', officialId)
    .executeTakeFirst();
  const required = securityConfig().mfa.requiredRoles;
  return {
    roles,
    active: Boolean(factor?.confirmed_at),
    required: roles.some((r) => r.admin_kind !== 'none' || required.includes(r.name)),
  };
}

/**
 * Signs the next access token of `session`. Its permissions are decided now,
 * from the official's current roles: the roles' grants plus self-service when
 * the session owes nothing, otherwise only the grant to take the owed step.
 * The token never outlives the session's absolute limit.
 *
 * @example
 * const tokens = await issueSessionToken(db, keyStoreFor(db), session, now);
 */
export async function issueSessionToken(
  db: PlatformDb,
  keys: KeyStore,
  session: Pick<SessionRow, 'sid' | 'official_id' | 'amr' | 'absolute_expires_at'>,
  now: Date,
): Promise<SessionTokens> {
  const official = await db
    .selectFrom('official')
    .select(['id', 'username', 'agency_code', 'password_changed_at'])
    .where('id', '=', session.official_id)
    .executeTakeFirstOrThrow();
  const mfa = await mfaStatus(db, official.id);
  const pending = pendingStep({
    mfaActive: mfa.active,
    mfaRequired: mfa.required,
    amr: session.amr,
    passwordExpired: passwordExpired(official.password_changed_at, now),
  });
  const perms = pending
    ? [...STEP_GRANTS[pending]]
    : [...new Set([...mfa.roles.flatMap((r) => r.permissions), ...SELF_SERVICE])].sort();
  const left = Math.floor((session.absolute_expires_at.getTime() - now.getTime()) / 1000);
  const ttl = Math.min(pending ? STEP_TOKEN_SECONDS : ACCESS_TOKEN_SECONDS, left);
  if (ttl <= 0) throw new DomainError('UNAUTHORIZED', 'session ended: log in again');
  const roles = mfa.roles.map((r) => r.name);
  // Object-level scopes ride only on a full token: a step token acts on no app's objects.
  const scopes = pending ? {} : await scopesOf(db, official.id);
  const accessToken = await signAccessToken(
    await keys.activeSigningKey(),
    {
      typ: 'official',
      sub: `official:${official.id}`,
      username: official.username,
      agency: official.agency_code,
      roles,
      perms,
      sid: session.sid,
      amr: [...session.amr],
      ...(Object.keys(scopes).length > 0 ? { scopes } : {}),
    },
    // A token that may only take a step is for the platform alone: no other app ever accepts it.
    { audience: pending ? 'platform' : PLATFORM_AUDIENCE, ttlSeconds: ttl, now },
  );
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: ttl,
    pending,
    official: { id: official.id, username: official.username, agency: official.agency_code, roles },
  };
}
