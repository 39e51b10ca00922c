import { randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { GoldenAuditDb } from '../database.ts';
import { withinPeriod } from '../projects/project.rules.ts';
import { projectForTeam } from '../projects/project.service.ts';
import type { Actor } from '../shared/actor.ts';
import { canonicalJson, recordsDigest, SOURCES, type SourceName } from './pull.rules.ts';

/** What a pull asks the owner, by source (the router's input). */
export type PullRequest =
  | { source: 'appropriations'; budgetUnit: string; fiscalYear: number }
  | { source: 'treasury-ledger'; asOf: string }
  | { source: 'payments'; budgetUnit: string; fiscalYear: number }
  | { source: 'import-vat-deductions'; creditCode: string; period: string }
  | {
      source: Exclude<
        SourceName,
        'appropriations' | 'payments' | 'treasury-ledger' | 'import-vat-deductions'
      >;
    };

/**
 * The exchange as golden-audit's service sees it: its active grants at the
 * platform, a short-lived token for one, and the owner's procedure called
 * with it. The router builds it from `ctx.connect`; nothing else reaches
 * another agency's data.
 */
export interface Exchange {
  grants(resourceId: string): Promise<{ id: string; procedures: string[] }[]>;
  grantToken(grantId: string): Promise<string>;
  fetch(request: PullRequest, grantToken: string): Promise<unknown[]>;
}

export interface Pull {
  id: string;
  projectId: string;
  source: SourceName;
  resourceId: string;
  ownerApp: string;
  procedure: string;
  grantId: string;
  params: Record<string, unknown>;
  recordCount: number;
  digest: string;
  pulledBy: string;
  pulledAt: string;
}

/** The period a request is about, to be checked against the project's. */
function periodOf(request: PullRequest): { field: string; when: string } | undefined {
  if (request.source === 'appropriations' || request.source === 'payments')
    return { field: 'fiscalYear', when: String(request.fiscalYear) };
  if (request.source === 'treasury-ledger') return { field: 'asOf', when: request.asOf };
  if (request.source === 'import-vat-deductions') return { field: 'period', when: request.period };
  return undefined;
}

/**
 * Pulls a source for a project through the catalog and exchange: only the
 * project's team, only a resource in the project's scope and within its
 * period, only under an active grant to golden-audit that covers the
 * procedure. The records are stored with their digest; the owner logs the
 * call under the grant, golden-audit's record names the pull, the grant and
 * the resource.
 *
 * @example
 * await pullSource(db, projectId, { source: 'treasury-ledger', asOf: '2026-03-31' }, exchange, recorderOf(ctx));
 */
export async function pullSource(
  db: GoldenAuditDb,
  projectId: string,
  request: PullRequest,
  exchange: Exchange,
  recorder: Actor,
): Promise<Pull> {
  const project = await projectForTeam(db, projectId, recorder);
  const source = SOURCES[request.source];
  if (!project.resources.includes(source.resourceId))
    throw new DomainError(
      'FORBIDDEN',
      `resource ${source.resourceId} is outside the scope of project ${project.code}`,
      {
        field: 'source',
        rule: 'scope',
      },
    );
  const period = periodOf(request);
  if (period && !withinPeriod(project.period, period.when))
    throw new DomainError(
      'INVALID',
      `${period.when} is outside the project's period ${project.period.from} to ${project.period.to}`,
      {
        field: period.field,
        rule: 'period',
      },
    );
  if (!source.served)
    throw new DomainError(
      'CONFLICT',
      `${source.ownerApp} does not serve ${source.resourceId} (${source.procedure}) yet`,
      {
        field: 'source',
        rule: 'not_served',
      },
    );
  const grant = (await exchange.grants(source.resourceId)).find((g) =>
    g.procedures.includes(source.procedure),
  );
  if (!grant)
    throw new DomainError(
      'FORBIDDEN',
      `golden-audit holds no active grant for ${source.resourceId}; request access in the catalog with the project's purpose`,
      { field: 'source', rule: 'no_grant' },
    );
  const records = await exchange.fetch(request, await exchange.grantToken(grant.id));
  const { source: _, ...params } = request;
  const id = randomUUID();
  const digest = recordsDigest(records);
  await db
    .insertInto('data_pull')
    .values({
      id,
      project_id: projectId,
      source: request.source,
      resource_id: source.resourceId,
      owner_app: source.ownerApp,
      procedure: source.procedure,
      grant_id: grant.id,
      params: canonicalJson(params),
      records: canonicalJson(records),
      record_count: records.length,
      digest,
      pulled_by: recorder.by,
      pulled_at: recorder.at,
    })
    .execute();
  return {
    id,
    projectId,
    source: request.source,
    resourceId: source.resourceId,
    ownerApp: source.ownerApp,
    procedure: source.procedure,
    grantId: grant.id,
    params,
    recordCount: records.length,
    digest,
    pulledBy: recorder.by,
    pulledAt: recorder.at.toISOString(),
  };
}

/** The pulls of a project, newest first (without their records). */
export async function listPulls(db: GoldenAuditDb, projectId: string): Promise<Pull[]> {
  const rows = await db
    .selectFrom('data_pull')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('pulled_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    source: r.source as SourceName,
    resourceId: r.resource_id,
    ownerApp: r.owner_app,
    procedure: r.procedure,
    grantId: r.grant_id,
    params: r.params as Record<string, unknown>,
    recordCount: r.record_count,
    digest: r.digest,
    pulledBy: r.pulled_by,
    pulledAt: r.pulled_at.toISOString(),
  }));
}

/** The latest pull of each of `sources` in a project, with its records; CONFLICT naming the first missing. */
export async function latestPulls<S extends SourceName>(
  db: GoldenAuditDb,
  projectId: string,
  sources: readonly S[],
): Promise<Record<S, { id: string; records: unknown[] }>> {
  const out = {} as Record<S, { id: string; records: unknown[] }>;
  for (const source of sources) {
    const row = await db
      .selectFrom('data_pull')
      .select(['id', 'records'])
      .where('project_id', '=', projectId)
      .where('source', '=', source)
      .orderBy('pulled_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!row)
      throw new DomainError(
        'CONFLICT',
        `pull ${source} (${SOURCES[source].resourceId}) for this project first`,
        {
          field: 'rule',
          rule: 'missing_pull',
        },
      );
    out[source] = { id: row.id, records: row.records as unknown[] };
  }
  return out;
}

/** One pull with its records (for sampling), NOT_FOUND naming `pullId` unless it belongs to the project. */
export async function pullRecords(db: GoldenAuditDb, projectId: string, pullId: string) {
  const row = await db
    .selectFrom('data_pull')
    .select(['id', 'source', 'records'])
    .where('id', '=', pullId)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `no pull ${pullId} in this project`, {
      field: 'pullId',
      rule: 'not_found',
    });
  return { id: row.id, source: row.source as SourceName, records: row.records as unknown[] };
}
