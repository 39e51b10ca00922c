import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import type { PlatformDb } from '../database.ts';
import { findServiceAccount } from '../services/service.service.ts';
import type { RegistrationRow } from './registry.table.ts';
import { type RegisteredService, RegisterInput, type Registration } from './registry.schemas.ts';

/**
 * Records where an app answers, replacing its previous address. No
 * authorization: for the platform registering itself at start-up and for
 * `register` once it has checked the caller.
 *
 * @example
 * await registerDirect(db, { name: 'platform', zone: 'internal', baseUrl: 'http://127.0.0.1:4100', version: '0.1.0' });
 */
export async function registerDirect(
  db: PlatformDb,
  registration: Registration,
  now = new Date(),
): Promise<RegisteredService> {
  const { name, zone, baseUrl, version } = RegisterInput.parse(registration);
  const values = { zone, base_url: baseUrl, version, registered_at: now, last_seen_at: now };
  const row = await db
    .insertInto('registration')
    .values({ name, ...values })
    .onConflict((oc) => oc.column('name').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRegisteredService(row);
}

/**
 * Registers on behalf of `caller`. A service may register only itself, and
 * only in the zone it was enrolled in, so no app can hijack another's name
 * or move itself across the internal/external boundary (S1.2).
 */
export async function register(
  db: PlatformDb,
  caller: Principal,
  registration: Registration,
  now: Date,
): Promise<RegisteredService> {
  if (caller.kind === 'service') {
    if (caller.app !== registration.name) {
      throw new DomainError('FORBIDDEN', `service ${caller.app} may register only itself`, {
        field: 'name',
        rule: 'not_self',
      });
    }
    const account = await findServiceAccount(db, caller.app);
    if (account?.zone !== registration.zone) {
      throw new DomainError(
        'FORBIDDEN',
        `service ${caller.app} is enrolled in zone ${account?.zone ?? 'none'}, not ${registration.zone}`,
        { field: 'zone', rule: 'enrolled_zone' },
      );
    }
  }
  return registerDirect(db, registration, now);
}

export async function resolve(db: PlatformDb, name: string): Promise<RegisteredService> {
  const row = await db.selectFrom('registration').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no service named ${name} is registered`, { field: 'name' });
  return toRegisteredService(row);
}

export async function listRegistrations(db: PlatformDb): Promise<RegisteredService[]> {
  const rows = await db.selectFrom('registration').selectAll().orderBy('name').execute();
  return rows.map(toRegisteredService);
}

function toRegisteredService(row: RegistrationRow): RegisteredService {
  return {
    name: row.name,
    zone: row.zone,
    baseUrl: row.base_url,
    version: row.version,
    registeredAt: row.registered_at.toISOString(),
  };
}
