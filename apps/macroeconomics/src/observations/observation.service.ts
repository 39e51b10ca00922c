import { sql } from 'kysely';
import type { MacroeconomicsDb } from '../database.ts';
import { tablesOf } from '../shared/tables.ts';

/** One figure ready to be kept: validated, in the indicator's unit, its period as its first day. */
export interface CheckedObservation {
  indicator: string;
  region: string;
  industry: string;
  periodStart: string;
  /** An exact decimal string in `unit`. */
  value: string;
  unit: string;
}

export interface Recorded {
  /** First releases. */
  first: number;
  /** Revisions of a figure already kept with another value. */
  revised: number;
  /** Figures that came again with the value already kept. */
  unchanged: number;
  /** The indicators that changed, for the derived figures to be recomputed. */
  indicators: string[];
  /** The period starts (`YYYY-MM-DD`) that changed. */
  periods: string[];
}

/**
 * Keeps figures in one statement: a figure not yet known becomes revision 1; one whose value differs
 * from its current revision becomes the next revision (the earlier rows stay); an equal value writes
 * nothing. The head of each changed figure moves to the new row. Values go in as `numeric`, compared
 * as numbers (`1.50` equals `1.5`).
 *
 * @example
 * await recordObservations(trx, rows, datasetId, recorder.at);
 */
export async function recordObservations(
  db: MacroeconomicsDb,
  rows: readonly CheckedObservation[],
  datasetId: string | null,
  at: Date,
): Promise<Recorded> {
  if (rows.length === 0) return { first: 0, revised: 0, unchanged: 0, indicators: [], periods: [] };
  const t = tablesOf(db);
  const col = <K extends keyof CheckedObservation>(k: K) => rows.map((r) => r[k]);
  const { rows: written } = await sql<{ revision: number; indicator: string; period: string }>`
    with input as (
      select * from unnest(${col('indicator')}::text[], ${col('region')}::text[], ${col('industry')}::text[],
        ${col('periodStart')}::date[], ${col('value')}::numeric[], ${col('unit')}::text[])
        as t(indicator, region, industry, period_start, value, unit)
    ), ins as (
      insert into ${t('observation')} (indicator, region, industry, period_start, revision, value, unit, dataset_id, recorded_at)
      select i.indicator, i.region, i.industry, i.period_start, coalesce(h.revision, 0) + 1, i.value, i.unit,
             ${datasetId}::bigint, ${at}::timestamptz
      from input i
      left join ${t('observation_head')} h
        on h.indicator = i.indicator and h.region = i.region and h.industry = i.industry and h.period_start = i.period_start
      left join ${t('observation')} o on o.id = h.observation_id
      where o.id is null or o.value <> i.value
      returning id, indicator, region, industry, period_start, revision
    )
    insert into ${t('observation_head')} (indicator, region, industry, period_start, observation_id, revision)
    select indicator, region, industry, period_start, id, revision from ins
    on conflict (indicator, region, industry, period_start)
      do update set observation_id = excluded.observation_id, revision = excluded.revision
    returning revision, indicator, to_char(period_start, 'YYYY-MM-DD') as period`.execute(db);
  const first = written.filter((w) => w.revision === 1).length;
  return {
    first,
    revised: written.length - first,
    unchanged: rows.length - written.length,
    indicators: [...new Set(written.map((w) => w.indicator))].sort(),
    periods: [...new Set(written.map((w) => w.period))].sort(),
  };
}

export interface StoredObservation {
  id: string;
  indicator: string;
  region: string;
  industry: string;
  periodStart: string;
  revision: number;
  value: string;
  unit: string;
  recordedAt: string;
  /** Where it came from: the dataset, its catalog resource, grant and the pulling request. */
  source: {
    datasetId: string;
    resourceId: string;
    ownerApp: string;
    procedure: string;
    grantId: string;
    requestId: string;
    digest: string;
  } | null;
}

/**
 * Observations by id (the inputs of a derived figure) or every revision of one figure, with the
 * dataset and exchange record each came from.
 *
 * @example
 * await observationsWithSource(db, { ids: ['17', '5'] });
 */
export async function observationsWithSource(
  db: MacroeconomicsDb,
  where:
    | { ids: readonly string[] }
    | { indicator: string; region: string; industry: string; periodStart: string },
): Promise<StoredObservation[]> {
  let q = db
    .selectFrom('observation as o')
    .leftJoin('dataset as d', 'd.id', 'o.dataset_id')
    .select([
      'o.id',
      'o.indicator',
      'o.region',
      'o.industry',
      sql<string>`to_char(o.period_start, 'YYYY-MM-DD')`.as('periodStart'),
      'o.revision',
      sql<string>`o.value::text`.as('value'),
      'o.unit',
      'o.recorded_at',
      'd.id as datasetId',
      'd.resource_id',
      'd.owner_app',
      'd.procedure',
      'd.grant_id',
      'd.request_id',
      'd.digest',
    ]);
  if ('ids' in where) {
    if (where.ids.length === 0) return [];
    q = q.where('o.id', 'in', [...where.ids]);
  } else
    q = q
      .where('o.indicator', '=', where.indicator)
      .where('o.region', '=', where.region)
      .where('o.industry', '=', where.industry)
      .where('o.period_start', '=', where.periodStart)
      .orderBy('o.revision');
  const rows = await q.execute();
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const ordered = 'ids' in where ? where.ids.map((id) => byId.get(String(id))!).filter(Boolean) : rows;
  return ordered.map((r) => ({
    id: String(r.id),
    indicator: r.indicator,
    region: r.region,
    industry: r.industry,
    periodStart: r.periodStart,
    revision: r.revision,
    value: r.value,
    unit: r.unit,
    recordedAt: r.recorded_at.toISOString(),
    source: r.datasetId
      ? {
          datasetId: String(r.datasetId),
          resourceId: r.resource_id!,
          ownerApp: r.owner_app!,
          procedure: r.procedure!,
          grantId: r.grant_id!,
          requestId: r.request_id!,
          digest: r.digest!,
        }
      : null,
  }));
}
