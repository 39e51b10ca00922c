import { randomInt, randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import { z } from 'zod';
import { deductionId } from '../checks/import-vat.rules.ts';
import type { GoldenAuditDb } from '../database.ts';
import { projectForTeam } from '../projects/project.service.ts';
import type { SourceName } from '../pulls/pull.rules.ts';
import { pullRecords } from '../pulls/pull.service.ts';
import type { Actor } from '../shared/actor.ts';
import { drawSample, type PopulationItem, type Sample, type SamplingMethod } from './sampling.rules.ts';

/** How each source's records become sampling units: the id a finding cites and the book value. */
function populationOf(source: SourceName, records: unknown[]): PopulationItem[] {
  const rows = records as Record<string, unknown>[];
  const take = (
    kind: string,
    id: (r: Record<string, unknown>) => unknown,
    fen: (r: Record<string, unknown>) => unknown,
  ) =>
    rows.map((r) => ({
      id: `${kind}:${String(id(r))}`,
      amountFen: BigInt(
        z
          .number()
          .int()
          .min(0)
          .parse(fen(r) ?? 0),
      ),
    }));
  switch (source) {
    case 'appropriations':
      return take(
        'appropriation',
        (r) => r.id,
        (r) => r.allocatedFen,
      );
    case 'payments':
      return take(
        'payment',
        (r) => r.id,
        (r) => r.amountFen,
      );
    case 'pension-payments':
      return take(
        'pension-payment',
        (r) => r.paymentId,
        (r) => r.amountFen,
      );
    case 'deaths':
      return take(
        'death',
        (r) => r.recordId,
        () => 0,
      );
    case 'customs-certificates':
      return take(
        'vat-certificate',
        (r) => r.certificateNo,
        (r) => r.vatFen,
      );
    case 'import-vat-deductions':
      return take(
        'vat-deduction',
        (r) => deductionId(r as never),
        (r) => r.taxFen,
      );
    case 'treasury-ledger':
      // The accounts of the trial balance, each by its debit total (exact past 2^53 fen).
      return rows.flatMap((tb) =>
        (tb.accounts as { code: string; debitFen: string }[]).map((a) => ({
          id: `account:${a.code}`,
          amountFen: BigInt(a.debitFen),
        })),
      );
  }
}

export interface StoredSample extends Sample {
  id: string;
  projectId: string;
  pullId: string;
  drawnBy: string;
  drawnAt: string;
}

/**
 * Draws a sample of one pull's records for a project, by `method`, from
 * `seed` (a fresh 32-bit one when none is given, recorded either way);
 * 400 naming `size` for a sample larger than the population, nothing written.
 */
export async function drawProjectSample(
  db: GoldenAuditDb,
  input: {
    projectId: string;
    pullId: string;
    method: SamplingMethod;
    size: number;
    seed?: number | undefined;
  },
  recorder: Actor,
): Promise<StoredSample> {
  await projectForTeam(db, input.projectId, recorder);
  const pull = await pullRecords(db, input.projectId, input.pullId);
  const seed = input.seed ?? randomInt(0, 2 ** 32);
  const drawn = drawSample(input.method, populationOf(pull.source, pull.records), input.size, seed);
  if (!drawn.ok)
    throw new DomainError('INVALID', drawn.message, {
      field: drawn.part === 'no_value' ? 'method' : 'size',
      rule: drawn.part,
    });
  const id = randomUUID();
  const s = drawn.value;
  await db
    .insertInto('audit_sample')
    .values({
      id,
      project_id: input.projectId,
      pull_id: input.pullId,
      method: s.method,
      seed: s.seed,
      size: s.size,
      population_count: s.populationCount,
      population_fen: s.populationFen,
      interval_fen: s.intervalFen,
      selected: s.selected,
      drawn_by: recorder.by,
      drawn_at: recorder.at,
    })
    .execute();
  return {
    ...s,
    id,
    projectId: input.projectId,
    pullId: input.pullId,
    drawnBy: recorder.by,
    drawnAt: recorder.at.toISOString(),
  };
}

/** The samples of a project, oldest first. */
export async function listSamples(db: GoldenAuditDb, projectId: string): Promise<StoredSample[]> {
  const rows = await db
    .selectFrom('audit_sample')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('drawn_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    pullId: r.pull_id,
    method: r.method,
    seed: Number(r.seed),
    size: r.size,
    populationCount: r.population_count,
    populationFen: String(r.population_fen),
    intervalFen: r.interval_fen === null ? null : String(r.interval_fen),
    selected: r.selected,
    drawnBy: r.drawn_by,
    drawnAt: r.drawn_at.toISOString(),
  }));
}
