import { sql } from 'kysely';
import type { MacroeconomicsDb } from '../database.ts';
import { type Frequency, periodLabel } from '../indicators/period.rules.ts';
import { observationsWithSource, type StoredObservation } from '../observations/observation.service.ts';
import { tablesOf } from '../shared/tables.ts';
import type { Measure } from './derived.table.ts';

export interface SeriesPoint {
  period: string;
  value: string;
  revision: number;
  observationId: string;
  /** False only for the producing team, who also see embargoed figures. */
  released: boolean;
  derived: Partial<Record<Measure, string>>;
}

/**
 * One series (indicator x region x industry) at its current revisions with its derived figures, in
 * period order. `releasedOnly`: only periods whose release time has come (everyone outside the
 * producing team, and the public).
 *
 * @example
 * await series(db, { indicator: 'CUS-IMP-VALUE', region: '100000', industry: '' }, { releasedOnly: true, now });
 */
export async function series(
  db: MacroeconomicsDb,
  key: { indicator: string; region: string; industry: string; frequency: Frequency },
  options: { releasedOnly: boolean; now: Date },
): Promise<SeriesPoint[]> {
  const t = tablesOf(db);
  const { rows } = await sql<{
    start: string;
    value: string;
    revision: number;
    id: string;
    released: boolean;
    derived: Record<string, string> | null;
  }>`
    select to_char(h.period_start, 'YYYY-MM-DD') as start, o.value::text as value, h.revision, o.id::text as id,
      coalesce(r.release_at <= ${options.now}::timestamptz, false) as released,
      (select jsonb_object_agg(d.measure, d.value::text) from ${t('derived_figure')} d
        where d.indicator = h.indicator and d.region = h.region and d.industry = h.industry
          and d.period_start = h.period_start) as derived
    from ${t('observation_head')} h
    join ${t('observation')} o on o.id = h.observation_id
    left join ${t('release')} r on r.indicator = h.indicator and r.period_start = h.period_start
    where h.indicator = ${key.indicator} and h.region = ${key.region} and h.industry = ${key.industry}
      ${options.releasedOnly ? sql`and r.release_at <= ${options.now}::timestamptz` : sql``}
    order by h.period_start`.execute(db);
  return rows.map((r) => ({
    period: periodLabel(r.start, key.frequency),
    value: r.value,
    revision: r.revision,
    observationId: r.id,
    released: r.released,
    derived: (r.derived ?? {}) as Partial<Record<Measure, string>>,
  }));
}

export interface TracedFigure {
  /** Every revision of the figure, first release first, each with its dataset and exchange record. */
  revisions: StoredObservation[];
  /** Each derived figure with the observations it was computed from. */
  derived: { measure: Measure; value: string; computedAt: string; inputs: StoredObservation[] }[];
}

/**
 * One figure traced to its sources: its revisions and, for each derived figure, its inputs.
 *
 * @example
 * await traceFigure(db, { indicator: 'CUS-IMP-VALUE', region: '100000', industry: '', periodStart: '2026-11-01' });
 */
export async function traceFigure(
  db: MacroeconomicsDb,
  key: { indicator: string; region: string; industry: string; periodStart: string },
): Promise<TracedFigure> {
  const revisions = await observationsWithSource(db, key);
  const derived = await db
    .selectFrom('derived_figure')
    .select(['measure', sql<string>`value::text`.as('value'), 'computed_at', 'inputs'])
    .where('indicator', '=', key.indicator)
    .where('region', '=', key.region)
    .where('industry', '=', key.industry)
    .where('period_start', '=', key.periodStart)
    .orderBy('measure')
    .execute();
  return {
    revisions,
    derived: await Promise.all(
      derived.map(async (d) => ({
        measure: d.measure,
        value: d.value,
        computedAt: d.computed_at.toISOString(),
        inputs: await observationsWithSource(db, { ids: d.inputs.map(String) }),
      })),
    ),
  };
}
