import { sql } from 'kysely';
import type { MacroeconomicsDb } from '../database.ts';
import { tablesOf } from '../shared/tables.ts';
import { DERIVED_SCALE } from './derived.rules.ts';

/**
 * Recomputes every derived figure of `indicators` (all when omitted) from the current revision of each
 * observation, replacing the ones computed before: derived figures are never typed in and never kept
 * stale. Each row names the observations it came from (`inputs`). Shares are recomputed for the
 * indicators' parts too, since a new whole changes them.
 *
 * @example
 * await computeDerived(trx, ['CUS-IMP-VALUE'], recorder.at);
 */
export async function computeDerived(
  db: MacroeconomicsDb,
  indicators: readonly string[] | undefined,
  at: Date,
  /** The period starts that changed: only figures from the earliest on are recomputed (all of an indicator whose index base changed). */
  changed?: readonly string[],
): Promise<number> {
  const t = tablesOf(db);
  const all = indicators === undefined;
  const codes = all ? [] : [...indicators];
  if (!all && codes.length === 0) return 0;
  const affected = all
    ? sql`true`
    : sql`(i.code = any(${codes}::text[]) or i.parent = any(${codes}::text[]))`;
  const scale = sql.lit(DERIVED_SCALE);
  // A figure depends on its own period and earlier ones (previous period, last year, January to N, the
  // base): a change at P touches figures of P and later, and every index when the base period changed.
  const since = changed && changed.length > 0 ? [...changed].sort()[0]! : undefined;
  const target = (alias: string, period: string) =>
    since
      ? sql`(${sql.ref(period)} >= ${since}::date or ${sql.ref(`${alias}.index_base`)} = any(${[...changed!]}::date[]))`
      : sql`true`;
  await sql`delete from ${t('derived_figure')} d using ${t('indicator')} i
    where d.indicator = i.code and ${affected} and ${target('i', 'd.period_start')}`.execute(db);
  // The self-joins below are on CTEs, which carry no statistics: without this the planner may pick nested
  // loops, quadratic in a month's figures (18,880 in the benchmark). Hash joins keep it linear. `local`:
  // for this transaction only (every caller runs in one: the kernel's, or the benchmark's).
  await sql`set local enable_nestloop = off`.execute(db);
  const { rows } = await sql<{ n: number }>`
    with cur as (
      select h.indicator, h.region, h.industry, h.period_start, o.id, o.value, i.frequency, i.index_base, i.parent,
        ${target('i', 'h.period_start')} as target,
        case i.frequency when 'monthly' then interval '1 month' when 'quarterly' then interval '3 months'
          else interval '1 year' end as step
      from ${t('indicator')} i
      join ${t('observation_head')} h on h.indicator = i.code
      join ${t('observation')} o on o.id = h.observation_id
      where ${affected}
    ), cum as (
      select c.indicator, c.region, c.industry, c.period_start, c.target,
        sum(c.value) over w as total, count(*) over w as months, array_agg(c.id) over w as ids
      from cur c where c.frequency = 'monthly'
      window w as (partition by c.indicator, c.region, c.industry, date_trunc('year', c.period_start)
                   order by c.period_start rows between unbounded preceding and current row)
    ), computed as (
      select c.indicator, c.region, c.industry, c.period_start, 'yoy' as measure,
        round((c.value / p.value - 1) * 100, ${scale}) as value, array[c.id, p.id] as inputs
      from cur c join cur p on p.indicator = c.indicator and p.region = c.region and p.industry = c.industry
        and p.period_start = c.period_start - interval '1 year'
      where c.target and p.value <> 0
      union all
      select c.indicator, c.region, c.industry, c.period_start, 'pop',
        round((c.value / p.value - 1) * 100, ${scale}), array[c.id, p.id]
      from cur c join cur p on p.indicator = c.indicator and p.region = c.region and p.industry = c.industry
        and p.period_start = c.period_start - c.step
      where c.target and p.value <> 0
      union all
      select c.indicator, c.region, c.industry, c.period_start, 'index',
        round(c.value / b.value * 100, ${scale}), array[c.id, b.id]
      from cur c join cur b on b.indicator = c.indicator and b.region = c.region and b.industry = c.industry
        and b.period_start = c.index_base
      where c.target and b.value <> 0 and c.period_start <> c.index_base
      union all
      select a.indicator, a.region, a.industry, a.period_start, 'cum_yoy',
        round((a.total / p.total - 1) * 100, ${scale}), a.ids || p.ids
      from cum a join cum p on p.indicator = a.indicator and p.region = a.region and p.industry = a.industry
        and p.period_start = a.period_start - interval '1 year'
      where a.target and a.months = extract(month from a.period_start) and p.months = a.months and p.total <> 0
      union all
      select c.indicator, c.region, c.industry, c.period_start, 'share',
        round(c.value / wo.value * 100, ${scale}), array[c.id, wo.id]
      from cur c
      join ${t('observation_head')} w on w.indicator = c.indicator and w.region = c.region and w.industry = ''
        and w.period_start = c.period_start
      join ${t('observation')} wo on wo.id = w.observation_id
      where c.target and c.industry <> '' and wo.value <> 0
      union all
      select c.indicator, c.region, c.industry, c.period_start, 'share',
        round(c.value / wo.value * 100, ${scale}), array[c.id, wo.id]
      from cur c
      join ${t('observation_head')} w on w.indicator = c.parent and w.region = c.region and w.industry = ''
        and w.period_start = c.period_start
      join ${t('observation')} wo on wo.id = w.observation_id
      where c.target and c.industry = '' and wo.value <> 0
    ), ins as (
      insert into ${t('derived_figure')} (indicator, region, industry, period_start, measure, value, inputs, computed_at)
      select indicator, region, industry, period_start, measure, value, inputs, ${at}::timestamptz from computed
      returning 1
    )
    select count(*)::int as n from ins`.execute(db);
  return rows[0]?.n ?? 0;
}
