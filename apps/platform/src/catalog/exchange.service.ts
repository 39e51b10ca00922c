import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import { type OfficialPrincipal, type Principal, signGrant } from '@egov/kernel/identity';
import { agencyScope, inScope } from '../access/scope.ts';
import type { PlatformDb } from '../database.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { assertServedBy, assertUntil, grantTokenExpiry } from './catalog.rules.ts';
import type { AccessRequest, DecideInput, Grant, RequestAccessInput } from './catalog.schemas.ts';
import type { AccessRequestRow, GrantRow, ResourceRow } from './catalog.table.ts';
import { operatorOf, requireResource } from './resource.service.ts';

/**
 * Requests and decisions are commitments of a person: an official, calling
 * directly or through a service acting on their behalf.
 */
function officialOf(caller: Principal, act: string): OfficialPrincipal {
  const official = caller.kind === 'official' ? caller : caller.onBehalfOf;
  if (!official) {
    throw new DomainError('FORBIDDEN', `only an official may ${act}`, { rule: 'official_only' });
  }
  return official;
}

function notShared(resource: Pick<ResourceRow, 'id'>, field: string): DomainError {
  return new DomainError(
    'FORBIDDEN',
    `resource ${resource.id} is not shared with other agencies: it can never be requested or granted`,
    { field, rule: 'not_shared' },
  );
}

/** Only the owner agency's officials (or the national office's) decide on its resources. */
function assertOwner(caller: OfficialPrincipal, resource: ResourceRow, field: string, act: string): void {
  if (inScope(caller, resource.owner_agency)) return;
  throw new DomainError(
    'FORBIDDEN',
    `only officials of ${resource.owner_agency}, which owns ${resource.id}, may ${act}`,
    { field, rule: 'agency_scope' },
  );
}

/**
 * A consumer agency's official asks the owner for access: some procedures
 * of a conditional resource, for the consumer's own system, for a stated
 * purpose, until a date at most a year ahead. Unconditional resources need
 * no request; not-shared ones can never be requested.
 *
 * @example
 * const request = await requestAccess(db, ctx.principal, { resourceId: 'GS-POP-0001', consumerApp: 'golden-tax', procedures: ['identity.verify'], purpose: 'taxpayer registration: verify name and ID', until: '2031-01-01T00:00:00Z' }, now);
 */
export async function requestAccess(
  db: PlatformDb,
  caller: Principal,
  input: RequestAccessInput,
  now: Date,
): Promise<AccessRequest> {
  const official = officialOf(caller, 'request access');
  const resource = await requireResource(db, input.resourceId, 'resourceId', 'share');
  if (resource.sharing === 'not-shared') throw notShared(resource, 'resourceId');
  if (resource.sharing === 'unconditional') {
    throw new DomainError(
      'INVALID',
      `resource ${resource.id} is shared unconditionally: call ${resource.procedures.join(', ')} of ${resource.owner_app} with your service token, no request or grant is needed`,
      { field: 'resourceId', rule: 'unconditional' },
    );
  }
  const consumerAgency = await operatorOf(db, input.consumerApp, 'consumerApp');
  if (!inScope(official, consumerAgency)) {
    throw new DomainError(
      'FORBIDDEN',
      `${input.consumerApp} is operated by ${consumerAgency}: you may request access only for the systems of ${official.agency}`,
      { field: 'consumerApp', rule: 'agency_scope' },
    );
  }
  if (input.consumerApp === resource.owner_app) {
    throw new DomainError('INVALID', `${input.consumerApp} serves ${resource.id} itself and needs no grant`, {
      field: 'consumerApp',
      rule: 'own_resource',
    });
  }
  assertServedBy(input.procedures, resource.procedures, resource.id);
  const until = new Date(input.until);
  assertUntil(until, now);

  const row = await db
    .insertInto('access_request')
    .values({
      id: randomUUID(),
      resource_id: resource.id,
      sharing: resource.sharing,
      consumer_app: input.consumerApp,
      consumer_agency: consumerAgency,
      procedures: input.procedures,
      purpose: input.purpose,
      until,
      requested_by: official.id,
      requested_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['resource_id', 'consumer_app']).where('status', '=', 'pending').doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    const open = await db
      .selectFrom('access_request')
      .select('id')
      .where('resource_id', '=', resource.id)
      .where('consumer_app', '=', input.consumerApp)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    throw new DomainError(
      'CONFLICT',
      `${input.consumerApp} already has a pending request for ${resource.id}${open ? ` (${open.id})` : ''}; wait for the owner's decision`,
      { field: 'resourceId', rule: 'pending' },
    );
  }
  return toRequest(row, null);
}

/**
 * The owner agency decides: `grant` creates a grant for exactly what was
 * asked (procedures, purpose, until), `refuse` closes the request. Either
 * way the reason is kept.
 *
 * @example
 * const { request, grant } = await decide(db, ctx.principal, { requestId, decision: 'grant', reason: 'purpose is lawful' }, now);
 */
export async function decide(
  db: PlatformDb,
  caller: Principal,
  input: DecideInput,
  now: Date,
): Promise<{ request: AccessRequest; grant: Grant | null }> {
  const official = officialOf(caller, 'decide on access requests');
  const findRequest = (lock: boolean) => {
    const query = db.selectFrom('access_request').selectAll().where('id', '=', input.requestId);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  };
  const asked = await findRequest(false);
  if (!asked) {
    throw new DomainError('NOT_FOUND', `no access request ${input.requestId}`, { field: 'requestId' });
  }
  // Resource first, then request: the order a change of sharing class takes them in, so the two never deadlock.
  const resource = await requireResource(db, asked.resource_id, 'requestId', 'share');
  const request = (await findRequest(true))!;
  assertOwner(official, resource, 'requestId', 'decide on requests for it');
  if (request.status !== 'pending') {
    throw new DomainError('CONFLICT', `request ${request.id} was already ${request.status}`, {
      field: 'requestId',
      rule: 'decided',
    });
  }

  let grant: GrantRow | null = null;
  if (input.decision === 'grant') {
    if (resource.sharing === 'not-shared') throw notShared(resource, 'requestId');
    if (resource.sharing === 'unconditional') {
      throw new DomainError(
        'CONFLICT',
        `resource ${resource.id} is now shared unconditionally: no grant is needed`,
        {
          field: 'requestId',
          rule: 'unconditional',
        },
      );
    }
    assertServedBy(request.procedures, resource.procedures, resource.id, 'CONFLICT');
    if (request.until.getTime() <= now.getTime()) {
      throw new DomainError(
        'CONFLICT',
        `request ${request.id} asked for access until ${request.until.toISOString()}, which has passed`,
        {
          field: 'requestId',
          rule: 'expired',
        },
      );
    }
    grant = await db
      .insertInto('exchange_grant')
      .values({
        id: randomUUID(),
        request_id: request.id,
        resource_id: resource.id,
        sharing: resource.sharing,
        consumer_app: request.consumer_app,
        consumer_agency: request.consumer_agency,
        procedures: request.procedures,
        purpose: request.purpose,
        expires_at: request.until,
        granted_by: official.id,
        granted_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const decided = await db
    .updateTable('access_request')
    .set({
      status: input.decision === 'grant' ? 'granted' : 'refused',
      decided_by: official.id,
      decided_at: now,
      decision_reason: input.reason,
    })
    .where('id', '=', request.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { request: toRequest(decided, grant?.id ?? null), grant: grant ? toGrant(grant) : null };
}

/**
 * The owner withdraws a grant. Grant tokens already issued stay valid until
 * they expire (an hour at most); no new one is issued.
 *
 * @example
 * await revokeGrant(db, ctx.principal, { grantId, reason: 'purpose fulfilled' }, now);
 */
export async function revokeGrant(
  db: PlatformDb,
  caller: Principal,
  input: { grantId: string; reason: string },
  now: Date,
): Promise<Grant> {
  const official = officialOf(caller, 'revoke grants');
  const grant = await db
    .selectFrom('exchange_grant')
    .selectAll()
    .where('id', '=', input.grantId)
    .forUpdate()
    .executeTakeFirst();
  if (!grant) throw new DomainError('NOT_FOUND', `no grant ${input.grantId}`, { field: 'grantId' });
  const resource = await requireResource(db, grant.resource_id, 'grantId');
  assertOwner(official, resource, 'grantId', 'revoke its grants');
  if (grant.revoked_at) {
    throw new DomainError('CONFLICT', `grant ${grant.id} was already revoked`, {
      field: 'grantId',
      rule: 'revoked',
    });
  }
  const row = await db
    .updateTable('exchange_grant')
    .set({ revoked_at: now, revoked_by: official.id, revoked_reason: input.reason })
    .where('id', '=', grant.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toGrant(row);
}

/**
 * Who sees which requests and grants: the officials of the owner and of the
 * consumer agency (the national office: all), a service its own (as owner
 * or consumer system).
 */
function visibleTo(caller: Principal): { agency: string } | { app: string } | null {
  if (caller.kind === 'service' && !caller.onBehalfOf) return { app: caller.app };
  const scope = agencyScope(caller);
  return scope === null ? null : { agency: scope };
}

/**
 * Access requests the caller may see, newest first.
 *
 * @example
 * const pending = await listRequests(db, ctx.principal, { status: 'pending' });
 */
export async function listRequests(
  db: PlatformDb,
  caller: Principal,
  filter: { status?: AccessRequestRow['status'] | undefined; resourceId?: string | undefined },
): Promise<AccessRequest[]> {
  let query = db
    .selectFrom('access_request as r')
    .innerJoin('information_resource as res', 'res.id', 'r.resource_id')
    .leftJoin('exchange_grant as g', 'g.request_id', 'r.id')
    .selectAll('r')
    .select('g.id as grant_id');
  const seen = visibleTo(caller);
  if (seen && 'agency' in seen) {
    query = query.where((eb) =>
      eb.or([eb('res.owner_agency', '=', seen.agency), eb('r.consumer_agency', '=', seen.agency)]),
    );
  } else if (seen) {
    query = query.where((eb) =>
      eb.or([eb('res.owner_app', '=', seen.app), eb('r.consumer_app', '=', seen.app)]),
    );
  }
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.resourceId) query = query.where('r.resource_id', '=', filter.resourceId);
  const rows = await query.orderBy('r.requested_at', 'desc').orderBy('r.id').limit(500).execute();
  return rows.map(({ grant_id, ...row }) => toRequest(row, grant_id));
}

/**
 * Grants the caller may see, newest first; `active` keeps those neither revoked nor expired at `now`.
 *
 * @example
 * const mine = await listGrants(db, ctx.principal, { active: true }, now); // a consumer service: its own grants
 */
export async function listGrants(
  db: PlatformDb,
  caller: Principal,
  filter: { resourceId?: string | undefined; active?: boolean | undefined },
  now: Date,
): Promise<Grant[]> {
  let query = db
    .selectFrom('exchange_grant as g')
    .innerJoin('information_resource as res', 'res.id', 'g.resource_id')
    .selectAll('g');
  const seen = visibleTo(caller);
  if (seen && 'agency' in seen) {
    query = query.where((eb) =>
      eb.or([eb('res.owner_agency', '=', seen.agency), eb('g.consumer_agency', '=', seen.agency)]),
    );
  } else if (seen) {
    query = query.where((eb) =>
      eb.or([eb('res.owner_app', '=', seen.app), eb('g.consumer_app', '=', seen.app)]),
    );
  }
  if (filter.resourceId) query = query.where('g.resource_id', '=', filter.resourceId);
  if (filter.active === true) query = query.where('g.revoked_at', 'is', null).where('g.expires_at', '>', now);
  if (filter.active === false) {
    query = query.where((eb) => eb.or([eb('g.revoked_at', 'is not', null), eb('g.expires_at', '<=', now)]));
  }
  const rows = await query.orderBy('g.granted_at', 'desc').orderBy('g.id').limit(500).execute();
  return rows.map(toGrant);
}

/**
 * A signed grant for the consumer's system to present to the owner app
 * (`x-egov-grant`): issued only to the consumer's own service identity, for
 * a grant neither revoked nor expired, with the owner app as audience, and
 * expiring within the hour (never after the grant).
 *
 * @example
 * const { token } = await grantToken(db, keyStoreFor(db), ctx.principal, grantId, now);
 */
export async function grantToken(
  db: PlatformDb,
  keys: KeyStore,
  caller: Principal,
  grantId: string,
  now: Date,
): Promise<{
  token: string;
  header: 'x-egov-grant';
  audience: string;
  expiresAt: string;
  resourceId: string;
}> {
  if (caller.kind !== 'service') {
    throw new DomainError(
      'FORBIDDEN',
      "grant tokens are issued to the consumer system's service identity only",
      {
        rule: 'service_only',
      },
    );
  }
  const grant = await db
    .selectFrom('exchange_grant')
    .selectAll()
    .where('id', '=', grantId)
    .executeTakeFirst();
  if (!grant) throw new DomainError('NOT_FOUND', `no grant ${grantId}`, { field: 'grantId' });
  if (grant.consumer_app !== caller.app) {
    throw new DomainError('FORBIDDEN', `grant ${grant.id} is for ${grant.consumer_app}, not ${caller.app}`, {
      field: 'grantId',
      rule: 'not_consumer',
    });
  }
  if (grant.revoked_at) {
    throw new DomainError('FORBIDDEN', `grant ${grant.id} was revoked: ${grant.revoked_reason}`, {
      field: 'grantId',
      rule: 'revoked',
    });
  }
  if (grant.expires_at.getTime() <= now.getTime()) {
    throw new DomainError('FORBIDDEN', `grant ${grant.id} expired at ${grant.expires_at.toISOString()}`, {
      field: 'grantId',
      rule: 'expired',
    });
  }
  const resource = await requireResource(db, grant.resource_id, 'grantId');
  if (resource.sharing === 'not-shared') throw notShared(resource, 'grantId');
  const expiresAt = grantTokenExpiry(grant.expires_at, now);
  const token = await signGrant(
    await keys.activeSigningKey(),
    {
      typ: 'grant',
      gid: grant.id,
      sub: `service:${grant.consumer_app}`,
      res: resource.id,
      procs: grant.procedures,
      purpose: grant.purpose,
    },
    { owner: resource.owner_app, expiresAt, now },
  );
  return {
    token,
    header: 'x-egov-grant',
    audience: resource.owner_app,
    expiresAt: expiresAt.toISOString(),
    resourceId: resource.id,
  };
}

function toRequest(row: AccessRequestRow, grantId: string | null): AccessRequest {
  return {
    id: row.id,
    resourceId: row.resource_id,
    consumerApp: row.consumer_app,
    consumerAgency: row.consumer_agency,
    procedures: row.procedures,
    purpose: row.purpose,
    until: row.until.toISOString(),
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    reason: row.decision_reason,
    grantId,
  };
}

function toGrant(row: GrantRow): Grant {
  return {
    id: row.id,
    requestId: row.request_id,
    resourceId: row.resource_id,
    consumerApp: row.consumer_app,
    consumerAgency: row.consumer_agency,
    procedures: row.procedures,
    purpose: row.purpose,
    expiresAt: row.expires_at.toISOString(),
    grantedBy: row.granted_by,
    grantedAt: row.granted_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
    revokedReason: row.revoked_reason,
  };
}
