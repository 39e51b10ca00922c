import { randomUUID } from 'node:crypto';
import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { GoldenAuditDb } from '../database.ts';
import type { Actor } from '../shared/actor.ts';
import { checkPeriod, onTeam } from './project.rules.ts';

export interface Project {
  id: string;
  code: string;
  title: string;
  auditedAgencies: string[];
  resources: string[];
  scope: string;
  period: { from: string; to: string };
  team: { leader: string; members: string[] };
  createdBy: string;
  createdAt: string;
}

export interface CreateProject {
  code: string;
  title: string;
  auditedAgencies: string[];
  resources: string[];
  scope: string;
  periodFrom: string;
  periodTo: string;
  leader: string;
  members: string[];
}

/**
 * Opens an audit project; refused (400 naming field and rule) for a period
 * that ends before it starts, a leader also listed as a member; 409 for a
 * code already used.
 *
 * @example
 * await createProject(db, { code: '审计-2026-001', title: '…', … }, recorderOf(ctx));
 */
export async function createProject(
  db: GoldenAuditDb,
  input: CreateProject,
  recorder: Recorder,
): Promise<Project> {
  const period = checkPeriod(input.periodFrom, input.periodTo);
  if (!period.ok) throw new DomainError('INVALID', period.message, { field: 'periodTo', rule: period.part });
  const index = input.members.indexOf(input.leader);
  if (index >= 0)
    throw new DomainError('INVALID', 'the leader is on the team already; list the other members', {
      field: `members.${index}`,
      rule: 'leader_repeated',
    });
  const id = randomUUID();
  const inserted = await db
    .insertInto('audit_project')
    .values({
      id,
      code: input.code,
      title: input.title,
      audited_agencies: input.auditedAgencies,
      resources: input.resources,
      scope: input.scope,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      leader: input.leader,
      members: input.members,
      created_by: recorder.by,
      created_at: recorder.at,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError('CONFLICT', `project ${input.code} exists already`, {
      field: 'code',
      rule: 'duplicate',
    });
  return getProject(db, id);
}

/** The project with `id`; NOT_FOUND naming `field` otherwise. */
export async function getProject(db: GoldenAuditDb, id: string, field = 'id'): Promise<Project> {
  const row = await db
    .selectFrom('audit_project')
    .selectAll()
    .select([isoDate('period_from').as('from'), isoDate('period_to').as('to')])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no audit project ${id}`, { field, rule: 'not_found' });
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    auditedAgencies: row.audited_agencies,
    resources: row.resources,
    scope: row.scope,
    period: { from: row.from, to: row.to },
    team: { leader: row.leader, members: row.members },
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Every project, newest first. */
export async function listProjects(db: GoldenAuditDb): Promise<Project[]> {
  const rows = await db
    .selectFrom('audit_project')
    .select('id')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map((r) => getProject(db, r.id)));
}

/**
 * The project, for an act of its team: FORBIDDEN (rule `team`) for anyone
 * else, whatever permissions they hold. Locks the row so acts on one project
 * take turns.
 */
export async function projectForTeam(db: GoldenAuditDb, id: string, actor: Actor): Promise<Project> {
  await db.selectFrom('audit_project').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  const project = await getProject(db, id, 'projectId');
  if (!onTeam(project.team, actor.username))
    throw new DomainError(
      'FORBIDDEN',
      `${actor.username ?? actor.by} is not on the team of project ${project.code}`,
      {
        field: 'projectId',
        rule: 'team',
      },
    );
  return project;
}
