import { DomainError } from '@egov/kernel/errors';
import type { Zone } from '@egov/kernel/identity';
import type { JWK } from 'jose';
import { sql } from 'kysely';
import type { PlatformDb } from '../database.ts';
import type { ServiceAccountRow } from './service.table.ts';
import { EnrolServiceInput, type PublishedKey, type ServiceAccount } from './services.schemas.ts';

export interface Enrolment {
  name: string;
  zone: Zone;
  /** The app's public Ed25519 JWK; a JWK with the private `d` is refused. */
  publicJwk: JWK;
  permissions: string[];
}

/**
 * Enrols (or re-enrols) an app's service identity. Idempotent, so the
 * launcher calls it on every start: an unchanged enrolment writes nothing,
 * a changed key, zone or grant replaces the old one.
 *
 * @example
 * await enrolService(db, { name: 'golden-tax', zone: 'internal', publicJwk: key.publicJwk, permissions: ['golden-shield.identity.verify'] });
 */
export async function enrolService(
  db: PlatformDb,
  enrolment: Enrolment,
  now = new Date(),
): Promise<ServiceAccount> {
  const { name, zone, publicJwk, permissions } = EnrolServiceInput.parse({
    ...enrolment,
    publicJwk: publicPart(enrolment.publicJwk),
  });
  await db
    .insertInto('service_account')
    .values({
      name,
      zone,
      public_jwk: JSON.stringify(publicJwk),
      permissions: JSON.stringify(permissions),
      enrolled_at: now,
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          zone: eb.ref('excluded.zone'),
          public_jwk: eb.ref('excluded.public_jwk'),
          permissions: eb.ref('excluded.permissions'),
          enrolled_at: eb.ref('excluded.enrolled_at'),
          revoked_at: null,
        }))
        .where(
          sql<boolean>`service_account.revoked_at is not null
            or (service_account.zone, service_account.public_jwk, service_account.permissions)
            is distinct from (excluded.zone, excluded.public_jwk, excluded.permissions)`,
        ),
    )
    .execute();
  const row = await findServiceAccount(db, name);
  return toServiceAccount(row!);
}

/**
 * Keeps the members a public Ed25519 JWK has, so a key file with extras
 * (`ext`, `key_ops`) still enrols, but refuses outright to store a private key.
 */
function publicPart(jwk: JWK): JWK {
  if (jwk.d !== undefined) {
    throw new DomainError('INVALID', 'publicJwk carries a private key', {
      field: 'publicJwk.d',
      rule: 'private_key',
    });
  }
  const { kty, crv, x, kid, alg, use } = jwk;
  return Object.fromEntries(
    Object.entries({ kty, crv, x, kid, alg, use }).filter(([, v]) => v !== undefined),
  );
}

/** The app's enrolment, revoked or not (see `revoked_at`). */
export function findServiceAccount(db: PlatformDb, name: string): Promise<ServiceAccountRow | undefined> {
  return db.selectFrom('service_account').selectAll().where('name', '=', name).executeTakeFirst();
}

/**
 * Revokes an app's service identity: the platform issues it no more tokens,
 * publishes the revocation so the tokens issued before stop verifying at
 * every app within one poll, and drops its registry entry so no caller
 * resolves it. Enrolling a key again (`enrolService`) lifts the revocation.
 * Revoking an app already revoked keeps the first time.
 *
 * @example
 * await revokeService(db, 'golden-water', new Date());
 */
export async function revokeService(db: PlatformDb, name: string, now = new Date()): Promise<ServiceAccount> {
  const row = await db
    .updateTable('service_account')
    .set({ revoked_at: now })
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  const account = row ?? (await findServiceAccount(db, name));
  if (!account)
    throw new DomainError('NOT_FOUND', `no service named ${name} is enrolled`, {
      field: 'name',
      rule: 'unknown',
    });
  await db.deleteFrom('registration').where('name', '=', name).execute();
  return toServiceAccount(account);
}

export async function listServiceAccounts(db: PlatformDb): Promise<ServiceAccount[]> {
  const rows = await db.selectFrom('service_account').selectAll().orderBy('name').execute();
  return rows.map(toServiceAccount);
}

/** Every enrolled app's public key, for auditors (the same key signs its tokens' assertions and its audit). */
export async function publishedKeys(db: PlatformDb): Promise<PublishedKey[]> {
  const rows = await db
    .selectFrom('service_account')
    .select(['name', 'public_jwk', 'enrolled_at'])
    .orderBy('name')
    .execute();
  return rows.map((row) => ({
    name: row.name,
    keyId: `service:${row.name}`,
    publicJwk: row.public_jwk as PublishedKey['publicJwk'],
    enrolledAt: row.enrolled_at.toISOString(),
  }));
}

function toServiceAccount(row: ServiceAccountRow): ServiceAccount {
  return {
    name: row.name,
    zone: row.zone,
    publicJwk: row.public_jwk as ServiceAccount['publicJwk'],
    permissions: row.permissions,
    enrolledAt: row.enrolled_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
