import { createHash } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { MacroeconomicsDb } from '../database.ts';
import { computeDerived } from '../derived/derived.service.ts';
import { type Frequency, periodEnded, periodStart } from '../indicators/period.rules.ts';
import { convertUnit, type Unit } from '../indicators/unit.rules.ts';
import {
  type CheckedObservation,
  type Recorded,
  recordObservations,
} from '../observations/observation.service.ts';
import type { SourceClient } from '../shared/exchange.ts';
import { PUBLICATIONS, Publication, type PublicationId } from './source.rules.ts';

/**
 * Registers the grant the owner agency gave at the platform's catalog for one of the publications.
 *
 * @example
 * await subscribe(trx, { resourceId: 'GC-TRD-0001', grantId }, recorderOf(ctx));
 */
export async function subscribe(
  db: MacroeconomicsDb,
  input: { resourceId: PublicationId; grantId: string },
  recorder: Recorder,
) {
  const { ownerApp } = PUBLICATIONS[input.resourceId];
  await db
    .insertInto('subscription')
    .values({
      resource_id: input.resourceId,
      owner_app: ownerApp,
      grant_id: input.grantId,
      registered_by: recorder.by,
      registered_at: recorder.at,
    })
    .onConflict((oc) =>
      oc
        .column('resource_id')
        .doUpdateSet({ grant_id: input.grantId, registered_by: recorder.by, registered_at: recorder.at }),
    )
    .execute();
  return { resourceId: input.resourceId, ownerApp, grantId: input.grantId };
}

/** Where a pull stands: the dataset kept (or the earlier identical one) and what it changed. */
export interface Pulled extends Recorded {
  datasetId: string;
  /** True when the owner served exactly what was pulled last time: nothing new was kept. */
  sameAsBefore: boolean;
  derived: number;
}

/**
 * Pulls one period's publication from its owner under the grant, checks every row (measure, region,
 * industry, unit, period), keeps the dataset and the figures (a changed figure as a revision) and
 * recomputes the derived figures of the indicators that changed. Any bad row refuses the whole
 * publication, naming the row's field and the rule; nothing is written.
 *
 * @example
 * await pull(trx, { resourceId: 'GC-TRD-0001', period: '2026-11' }, sources, { requestId, traceId }, recorderOf(ctx));
 */
export async function pull(
  db: MacroeconomicsDb,
  input: { resourceId: PublicationId; period: string },
  sources: SourceClient,
  exchange: { requestId: string; traceId: string },
  recorder: Recorder,
): Promise<Pulled> {
  const start = periodStart(input.period, 'monthly');
  if (!start.ok) throw new DomainError('INVALID', start.message, { field: 'period', rule: start.part });
  if (!periodEnded(start.value, 'monthly', chinaDate(recorder.at)))
    throw new DomainError('INVALID', `period ${input.period} has not ended`, {
      field: 'period',
      rule: 'not_ended',
    });
  const subscription = await db
    .selectFrom('subscription')
    .selectAll()
    .where('resource_id', '=', input.resourceId)
    .executeTakeFirst();
  if (!subscription)
    throw new DomainError('NOT_FOUND', `no grant registered for ${input.resourceId}`, {
      field: 'resourceId',
      rule: 'no_grant',
    });
  const token = await sources.grantToken(subscription.grant_id);
  const raw = await sources.publication(input.resourceId, input.period, token);
  return ingestPublication(
    db,
    raw,
    {
      resourceId: input.resourceId,
      period: input.period,
      ownerApp: subscription.owner_app,
      grantId: subscription.grant_id,
      ...exchange,
    },
    recorder,
  );
}

/**
 * Keeps one publication as received from its owner: checks it, keeps the dataset (unless the same
 * figures came last time) and the figures, a changed one as a revision, and recomputes the derived
 * figures the change touches. `pull` calls it with what the exchange returned.
 *
 * @example
 * await ingestPublication(trx, raw, { resourceId: 'GF-REC-0001', period: '2026-11', ownerApp: 'golden-finance', grantId, requestId, traceId }, recorder);
 */
export async function ingestPublication(
  db: MacroeconomicsDb,
  raw: unknown,
  meta: {
    resourceId: PublicationId;
    period: string;
    ownerApp: string;
    grantId: string;
    requestId: string;
    traceId: string;
  },
  recorder: Recorder,
): Promise<Pulled> {
  const start = periodStart(meta.period, 'monthly');
  if (!start.ok) throw new DomainError('INVALID', start.message, { field: 'period', rule: start.part });
  const { rows, publication } = await checkPublication(db, raw, meta);
  // The owner's `asOf` changes with every call: the figures, not the moment, decide whether it is new.
  const digest = createHash('sha256')
    .update(JSON.stringify({ ...publication, asOf: undefined }))
    .digest('hex');
  const last = await db
    .selectFrom('dataset')
    .select(['id', 'digest'])
    .where('resource_id', '=', meta.resourceId)
    .where('period_start', '=', start.value)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (last?.digest === digest)
    return {
      datasetId: String(last.id),
      sameAsBefore: true,
      first: 0,
      revised: 0,
      unchanged: rows.length,
      indicators: [],
      periods: [],
      derived: 0,
    };
  const dataset = await db
    .insertInto('dataset')
    .values({
      resource_id: meta.resourceId,
      owner_app: meta.ownerApp,
      procedure: PUBLICATIONS[meta.resourceId].procedure,
      grant_id: meta.grantId,
      period_start: start.value,
      digest,
      payload: JSON.stringify(publication),
      request_id: meta.requestId,
      trace_id: meta.traceId,
      fetched_by: recorder.by,
      fetched_at: recorder.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recorded = await recordObservations(db, rows, String(dataset.id), recorder.at);
  const derived = await computeDerived(db, recorded.indicators, recorder.at, recorded.periods);
  return { datasetId: String(dataset.id), sameAsBefore: false, ...recorded, derived };
}

/** Refuses a row of another agency's publication, naming where in it the fault is. */
function refuse(field: string, rule: string, message: string): never {
  throw new DomainError('INVALID', `publication ${field}: ${message}`, {
    field: `publication.${field}`,
    rule,
  });
}

/**
 * Checks a publication against the indicators it feeds: every measure must feed an indicator, every
 * value must convert exactly to the indicator's unit, the period must be one the indicator has.
 */
async function checkPublication(
  db: MacroeconomicsDb,
  raw: unknown,
  input: { resourceId: string; period: string },
): Promise<{ rows: CheckedObservation[]; publication: Publication }> {
  const parsed = Publication.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const rule =
      (issue as { params?: { rule?: string } }).params?.rule ??
      (issue.code === 'unrecognized_keys' ? 'unknown_field' : issue.code);
    refuse(issue.path.join('.') || '(root)', rule, issue.message);
  }
  const publication = parsed.data;
  if (publication.resourceId !== input.resourceId)
    refuse('resourceId', 'mismatch', `is ${publication.resourceId}, ${input.resourceId} was asked for`);
  if (publication.period !== input.period)
    refuse('period', 'mismatch', `is ${publication.period}, ${input.period} was asked for`);
  const indicators = await db
    .selectFrom('indicator')
    .select(['code', 'unit', 'frequency', 'source_measure'])
    .where('source_resource', '=', input.resourceId)
    .execute();
  const byMeasure = new Map(indicators.map((i) => [i.source_measure, i]));
  const seen = new Set<string>();
  const rows = publication.rows.map((row, n): CheckedObservation => {
    const indicator = byMeasure.get(row.measure);
    if (!indicator)
      refuse(
        `rows.${n}.measure`,
        'unknown_measure',
        `${row.measure} feeds no indicator of ${input.resourceId}`,
      );
    const start = periodStart(publication.period, indicator.frequency as Frequency);
    if (!start.ok) refuse('period', start.part, `${indicator.code}: ${start.message}`);
    const value = convertUnit(row.value, publication.unit, indicator.unit as Unit);
    if (!value.ok) refuse(`rows.${n}.value`, value.part, `${indicator.code}: ${value.message}`);
    const key = `${indicator.code}/${row.region}/${row.industry ?? ''}`;
    if (seen.has(key)) refuse(`rows.${n}`, 'duplicate', `${key} appears twice`);
    seen.add(key);
    return {
      indicator: indicator.code,
      region: row.region,
      industry: row.industry ?? '',
      periodStart: start.value,
      value: value.value,
      unit: indicator.unit,
    };
  });
  return { rows, publication };
}
