import { DomainError } from '@egov/kernel/errors';
import { PLATFORM_AUDIENCE, signAccessToken } from '@egov/kernel/identity';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { verifyAgainstDummy, verifyPassword } from '../officials/password.ts';

/** Officials' sessions are short: lockout, MFA and refresh come later, revocation never needs to. */
export const OFFICIAL_TOKEN_TTL_SECONDS = 15 * 60;

/** One message for every refusal, so an answer never confirms that a username exists. */
const REFUSED = 'username or password is wrong';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  official: { id: string; username: string; agency: string; roles: string[] };
}

/**
 * Checks an official's password and issues an EdDSA access token for every
 * app (audience `egov`) carrying the union of the official's role permissions.
 *
 * @example
 * const { accessToken } = await login(db, keyStoreFor(db), { username: 'clerk', password: 'clerk-demo-password' }, new Date());
 */
export async function login(
  db: PlatformDb,
  keys: KeyStore,
  credentials: { username: string; password: string },
  now: Date,
): Promise<LoginResult> {
  const row = await db
    .selectFrom('official')
    .select(['id', 'username', 'agency_code', 'password_hash', 'disabled'])
    .where('username', '=', credentials.username)
    .executeTakeFirst();
  // Unknown users cost one argon2 verification too, so timing does not tell them apart.
  const matches = row
    ? await verifyPassword(row.password_hash, credentials.password)
    : await verifyAgainstDummy(credentials.password);
  if (!row || !matches || row.disabled) throw new DomainError('UNAUTHORIZED', REFUSED);

  const roles = await db
    .selectFrom('official_role')
    .innerJoin('role', 'role.name', 'official_role.role_name')
    .select(['role.name', 'role.permissions'])
    .where('official_role.official_id', '=', row.id)
    .orderBy('role.name')
    .execute();
  const official = {
    id: row.id,
    username: row.username,
    agency: row.agency_code,
    roles: roles.map((r) => r.name),
  };
  const accessToken = await signAccessToken(
    await keys.activeSigningKey(),
    {
      typ: 'official',
      sub: `official:${official.id}`,
      username: official.username,
      agency: official.agency,
      roles: official.roles,
      perms: [...new Set(roles.flatMap((r) => r.permissions))].sort(),
    },
    { audience: PLATFORM_AUDIENCE, ttlSeconds: OFFICIAL_TOKEN_TTL_SECONDS, now },
  );
  return { accessToken, tokenType: 'Bearer', expiresIn: OFFICIAL_TOKEN_TTL_SECONDS, official };
}
