import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import { sql } from 'kysely';
import { assertAgencyInScope, assertNational } from '../access/scope.ts';
import type { PlatformDb } from '../database.ts';
import { requireAgency } from '../officials/agency.service.ts';
import { coveringDivisions, searchPatterns } from './catalog.rules.ts';
import type { RegisterResourceInput, Resource, SearchInput, UpdateResourceInput } from './catalog.schemas.ts';
import type { ResourceRow } from './catalog.table.ts';

/**
 * The agency that operates `app`, or a NOT_FOUND naming the field.
 *
 * @example
 * await operatorOf(db, 'golden-shield', 'ownerApp'); // 'mps'
 */
export async function operatorOf(db: PlatformDb, app: string, field: string): Promise<string> {
  const row = await db
    .selectFrom('agency_system')
    .select('agency_code')
    .where('app', '=', app)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', `no system named ${app} is declared in the catalog`, {
      field,
      rule: 'unknown_system',
    });
  }
  return row.agency_code;
}

/**
 * Declares which agency operates a system. A national-office act: systems are
 * the platform's to place. Declaring the same again changes nothing; moving a
 * system to another agency is refused (its resources and grants name it).
 *
 * @example
 * await declareSystem(db, ctx.principal, { app: 'golden-water', agency: 'mwr' });
 */
export async function declareSystem(
  db: PlatformDb,
  caller: Principal,
  input: { app: string; agency: string },
): Promise<{ app: string; agency: string }> {
  assertNational(caller, 'declare which agency operates a system');
  await requireAgency(db, input.agency);
  await db
    .insertInto('agency_system')
    .values({ app: input.app, agency_code: input.agency })
    .onConflict((oc) => oc.column('app').doNothing())
    .execute();
  const operator = await operatorOf(db, input.app, 'app');
  if (operator !== input.agency) {
    throw new DomainError(
      'CONFLICT',
      `${input.app} is operated by ${operator}; systems do not move between agencies`,
      {
        field: 'agency',
        rule: 'operated_elsewhere',
      },
    );
  }
  return input;
}

export async function listSystems(db: PlatformDb): Promise<{ app: string; agency: string }[]> {
  const rows = await db.selectFrom('agency_system').select(['app', 'agency_code']).orderBy('app').execute();
  return rows.map((r) => ({ app: r.app, agency: r.agency_code }));
}

async function assertOperatedBy(db: PlatformDb, app: string, agency: string): Promise<void> {
  const operator = await operatorOf(db, app, 'ownerApp');
  if (operator !== agency) {
    throw new DomainError('INVALID', `${app} is operated by ${operator}, not by the owner agency ${agency}`, {
      field: 'ownerApp',
      rule: 'not_owner_system',
    });
  }
}

/**
 * Registers a resource for its owner agency, which must be the caller's own
 * (the national office registers for any agency) and must operate `ownerApp`.
 *
 * @example
 * await registerResource(db, ctx.principal, { id: 'GS-POP-0001', ownerAgency: 'mps', ownerApp: 'golden-shield', ... }, now);
 */
export async function registerResource(
  db: PlatformDb,
  caller: Principal,
  input: RegisterResourceInput,
  now: Date,
): Promise<Resource> {
  assertAgencyInScope(caller, input.ownerAgency, 'ownerAgency');
  const agency = await db
    .selectFrom('agency')
    .select('code')
    .where('code', '=', input.ownerAgency)
    .executeTakeFirst();
  if (!agency) {
    throw new DomainError('INVALID', `no agency with code ${input.ownerAgency}`, {
      field: 'ownerAgency',
      rule: 'unknown_agency',
    });
  }
  await assertOperatedBy(db, input.ownerApp, input.ownerAgency);
  const row = await db
    .insertInto('information_resource')
    .values({
      id: input.id,
      title: input.title,
      owner_agency: input.ownerAgency,
      owner_app: input.ownerApp,
      summary: input.summary,
      sharing: input.sharing,
      update_cycle: input.updateCycle,
      format: input.format,
      procedures: input.procedures,
      keywords: input.keywords,
      divisions: input.divisions,
      created_at: now,
      created_by: caller.id,
      updated_at: now,
      updated_by: caller.id,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', `resource ${input.id} is already registered`, {
      field: 'id',
      rule: 'taken',
    });
  }
  return toResource(row);
}

/**
 * The resource, or NOT_FOUND naming `field`. With `share`, the row is read
 * under a share lock until the transaction ends: a concurrent change of its
 * sharing class waits for us, or we wait for it and read the new class.
 *
 * @example
 * const row = await requireResource(db, 'GS-POP-0001');
 */
export async function requireResource(
  db: PlatformDb,
  id: string,
  field = 'id',
  lock?: 'share',
): Promise<ResourceRow> {
  let query = db.selectFrom('information_resource').selectAll().where('id', '=', id);
  if (lock) query = query.forShare();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no resource ${id} in the catalog`, { field });
  return row;
}

export async function getResource(db: PlatformDb, id: string): Promise<Resource> {
  return toResource(await requireResource(db, id));
}

/**
 * Changes a resource of the caller's agency. Procedures an active grant
 * covers cannot be dropped (revoke the grant first). Making it not-shared
 * revokes every active grant and refuses every pending request, in this
 * transaction, naming the caller; the database does the same for any write
 * that bypasses this function.
 *
 * @example
 * const { resource, revokedGrants } = await updateResource(db, ctx.principal, { id: 'GS-POP-0001', sharing: 'not-shared' }, now);
 */
export async function updateResource(
  db: PlatformDb,
  caller: Principal,
  input: UpdateResourceInput,
  now: Date,
): Promise<{ resource: Resource; revokedGrants: string[] }> {
  const current = await db
    .selectFrom('information_resource')
    .selectAll()
    .where('id', '=', input.id)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw new DomainError('NOT_FOUND', `no resource ${input.id} in the catalog`, { field: 'id' });
  assertAgencyInScope(caller, current.owner_agency, 'id');
  if (input.ownerApp && input.ownerApp !== current.owner_app) {
    await assertOperatedBy(db, input.ownerApp, current.owner_agency);
  }

  const active = await db
    .selectFrom('exchange_grant')
    .select(['id', 'procedures'])
    .where('resource_id', '=', current.id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  if (input.procedures) {
    const kept = input.procedures;
    const dropped = current.procedures.filter((p) => !kept.includes(p));
    const inUse = dropped.find((p) => active.some((g) => g.procedures.includes(p)));
    if (inUse) {
      throw new DomainError(
        'CONFLICT',
        `${inUse} is covered by an active grant; revoke the grant before dropping it`,
        {
          field: 'procedures',
          rule: 'granted',
        },
      );
    }
  }

  let revokedGrants: string[] = [];
  if (input.sharing === 'not-shared' && current.sharing !== 'not-shared') {
    const revoked = await db
      .updateTable('exchange_grant')
      .set({ revoked_at: now, revoked_by: caller.id, revoked_reason: 'the resource is no longer shared' })
      .where('resource_id', '=', current.id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    revokedGrants = revoked.map((r) => r.id);
    await db
      .updateTable('access_request')
      .set({
        status: 'refused',
        decided_at: now,
        decided_by: caller.id,
        decision_reason: 'the resource is not shared',
      })
      .where('resource_id', '=', current.id)
      .where('status', '=', 'pending')
      .execute();
  }

  const row = await db
    .updateTable('information_resource')
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.ownerApp !== undefined ? { owner_app: input.ownerApp } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.sharing !== undefined ? { sharing: input.sharing } : {}),
      ...(input.updateCycle !== undefined ? { update_cycle: input.updateCycle } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.procedures !== undefined ? { procedures: input.procedures } : {}),
      ...(input.keywords !== undefined ? { keywords: input.keywords } : {}),
      ...(input.divisions !== undefined ? { divisions: input.divisions } : {}),
      updated_at: now,
      updated_by: caller.id,
    })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { resource: toResource(row), revokedGrants };
}

/**
 * Searches the catalog: every word of `q` must appear in the identifier,
 * title, summary or a keyword (case-insensitive substring, so Chinese needs
 * no segmentation), plus the filters. Title hits rank first, then keyword
 * hits, then the identifier. Not-shared resources are listed too: the
 * catalog says what exists and how it is shared (GB/T 21063).
 *
 * @example
 * const { total, items } = await searchResources(db, { q: '人口 identity', sharing: 'conditional', limit: 20, offset: 0 });
 */
export async function searchResources(
  db: PlatformDb,
  input: SearchInput,
): Promise<{ total: number; items: Resource[] }> {
  const patterns = searchPatterns(input.q);
  const keywordText = sql<string>`array_to_string(keywords, ' ')`;
  let query = db.selectFrom('information_resource');
  for (const p of patterns) {
    query = query.where((eb) =>
      eb.or([
        eb('id', 'ilike', p),
        eb('title', 'ilike', p),
        eb('summary', 'ilike', p),
        eb(keywordText, 'ilike', p),
      ]),
    );
  }
  if (input.ownerAgency) query = query.where('owner_agency', '=', input.ownerAgency);
  if (input.ownerApp) query = query.where('owner_app', '=', input.ownerApp);
  if (input.sharing) query = query.where('sharing', '=', input.sharing);
  if (input.updateCycle) query = query.where('update_cycle', '=', input.updateCycle);
  if (input.format) query = query.where('format', '=', input.format);
  if (input.keyword) query = query.where(sql<boolean>`keywords @> array[${input.keyword}]::text[]`);
  if (input.procedure) query = query.where(sql<boolean>`procedures @> array[${input.procedure}]::text[]`);
  if (input.division) {
    const covering = coveringDivisions(input.division);
    query = query.where(
      sql<boolean>`(cardinality(divisions) = 0 or divisions && array[${sql.join(covering)}]::text[])`,
    );
  }

  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  let ordered = query.selectAll();
  if (patterns.length > 0) {
    const score = sql.join(
      patterns.map(
        (p) =>
          sql`(title ilike ${p})::int * 4 + (${keywordText} ilike ${p})::int * 2 + (summary ilike ${p})::int`,
      ),
      sql` + `,
    );
    ordered = ordered.orderBy(sql`(${score})`, 'desc');
  }
  const rows = await ordered.orderBy('id').limit(input.limit).offset(input.offset).execute();
  return { total, items: rows.map(toResource) };
}

export function toResource(row: ResourceRow): Resource {
  return {
    id: row.id,
    title: row.title,
    ownerAgency: row.owner_agency,
    ownerApp: row.owner_app,
    summary: row.summary,
    sharing: row.sharing,
    updateCycle: row.update_cycle,
    format: row.format,
    procedures: row.procedures,
    keywords: row.keywords,
    divisions: row.divisions,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
