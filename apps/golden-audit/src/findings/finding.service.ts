import { randomUUID } from 'node:crypto';
import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { RuleFinding } from '../checks/check.rules.ts';
import type { GoldenAuditDb } from '../database.ts';
import { projectForTeam } from '../projects/project.service.ts';
import type { Actor } from '../shared/actor.ts';
import { type FindingStatus, findingStatus, rectificationDeadline } from './finding.rules.ts';

export interface Finding extends RuleFinding {
  id: string;
  projectId: string;
  pullIds: string[];
  issuedOn: string;
  deadline: string;
  status: FindingStatus;
  rectifiedOn: string | null;
  rectification: string | null;
  issuedBy: string;
}

/** Writes the findings of one rule run, each with its deadline `days` working days from today (China). */
export async function issueFindings(
  db: GoldenAuditDb,
  projectId: string,
  found: RuleFinding[],
  pullIds: string[],
  days: number,
  recorder: Recorder,
): Promise<string[]> {
  if (found.length === 0) return [];
  const issuedOn = chinaDate(recorder.at);
  const counted = rectificationDeadline(issuedOn, days);
  if (!counted.ok)
    throw new DomainError('INVALID', counted.message, { field: 'rectifyWorkingDays', rule: counted.part });
  const deadline = counted.value;
  const rows = found.map((f) => ({
    id: randomUUID(),
    project_id: projectId,
    rule: f.rule,
    summary: f.summary,
    amount_fen: f.amountFen,
    cites: f.cites,
    pull_ids: pullIds,
    issued_on: issuedOn,
    deadline,
    issued_by: recorder.by,
    issued_at: recorder.at,
  }));
  await db.insertInto('finding').values(rows).execute();
  return rows.map((r) => r.id);
}

const select = (db: GoldenAuditDb) =>
  db
    .selectFrom('finding')
    .selectAll()
    .select([
      isoDate('issued_on').as('issuedOn'),
      isoDate('deadline').as('deadlineOn'),
      isoDate<null>('rectified_on').as('rectifiedOn'),
    ]);

/** The findings of a project with their status on `today`, oldest first; `status` filters. */
export async function listFindings(
  db: GoldenAuditDb,
  projectId: string,
  today: string,
  status?: FindingStatus,
): Promise<Finding[]> {
  const rows = await select(db)
    .where('project_id', '=', projectId)
    .orderBy('issued_at')
    .orderBy('id')
    .execute();
  return rows
    .map(
      (r): Finding => ({
        id: r.id,
        projectId: r.project_id,
        rule: r.rule as Finding['rule'],
        summary: r.summary,
        amountFen: String(r.amount_fen),
        cites: r.cites,
        pullIds: r.pull_ids,
        issuedOn: r.issuedOn,
        deadline: r.deadlineOn,
        rectifiedOn: r.rectifiedOn,
        rectification: r.rectification,
        issuedBy: r.issued_by,
        status: findingStatus({ deadline: r.deadlineOn, rectifiedOn: r.rectifiedOn }, today),
      }),
    )
    .filter((f) => !status || f.status === status);
}

/**
 * Records a finding rectified on `rectifiedOn` (not in the future, not
 * before it was issued), once: a second time is 409. A rectification after
 * the deadline is recorded as it happened; the finding stays marked by its
 * dates.
 */
export async function rectifyFinding(
  db: GoldenAuditDb,
  input: { projectId: string; findingId: string; rectifiedOn: string; rectification: string },
  recorder: Actor,
): Promise<Finding> {
  await projectForTeam(db, input.projectId, recorder);
  const row = await select(db)
    .where('id', '=', input.findingId)
    .where('project_id', '=', input.projectId)
    .forUpdate()
    .executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `no finding ${input.findingId} in this project`, {
      field: 'findingId',
      rule: 'not_found',
    });
  if (row.rectifiedOn)
    throw new DomainError('CONFLICT', `finding rectified already on ${row.rectifiedOn}`, {
      field: 'findingId',
      rule: 'rectified',
    });
  const today = chinaDate(recorder.at);
  if (input.rectifiedOn > today)
    throw new DomainError('INVALID', `rectifiedOn ${input.rectifiedOn} is in the future`, {
      field: 'rectifiedOn',
      rule: 'in_future',
    });
  if (input.rectifiedOn < row.issuedOn)
    throw new DomainError(
      'INVALID',
      `rectifiedOn ${input.rectifiedOn} is before the finding was issued (${row.issuedOn})`,
      {
        field: 'rectifiedOn',
        rule: 'before_issue',
      },
    );
  await db
    .updateTable('finding')
    .set({ rectified_on: input.rectifiedOn, rectification: input.rectification, rectified_by: recorder.by })
    .where('id', '=', input.findingId)
    .execute();
  const [updated] = (await listFindings(db, input.projectId, today)).filter((f) => f.id === input.findingId);
  return updated!;
}
