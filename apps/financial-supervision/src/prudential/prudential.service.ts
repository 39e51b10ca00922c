import { isoDate, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { FinancialSupervisionDb } from '../database.ts';
import { requireReporting } from '../institutions/institution.service.ts';
import {
  type AlertLevel,
  alertFor,
  checkFigures,
  formatPercent,
  NATIONAL_DEFAULT_THRESHOLDS,
  type PrudentialFigures,
  type PrudentialMetric,
  percent,
  prudentialMetrics,
  quarterEnd,
  ratios,
  type Threshold,
} from './prudential.rules.ts';

export interface ThresholdInForce extends Threshold {
  metric: PrudentialMetric;
  /** `configured`: set with thresholds.set; `national-default`: the rules' figure in code. */
  origin: 'configured' | 'national-default';
}

/** Trailing zeros off a numeric(7,4): '7.5000' -> '7.5'. */
const tidy = (n: string) => n.replace(/\.?0+$/, '') || '0';

/** The threshold of each metric in force on `day`: the latest configured from that day or earlier, else the national default. */
export async function thresholdsOn(db: FinancialSupervisionDb, day: string): Promise<ThresholdInForce[]> {
  const rows = await db
    .selectFrom('prudential_threshold')
    .select(['metric', 'minimum', 'warning', 'source', isoDate('effective_from').as('effectiveFrom')])
    .where('effective_from', '<=', day)
    .distinctOn('metric')
    .orderBy('metric')
    .orderBy('effective_from', 'desc')
    .execute();
  return prudentialMetrics.map((metric) => {
    const row = rows.find((r) => r.metric === metric);
    if (row)
      return {
        metric,
        minimum: tidy(row.minimum),
        warning: tidy(row.warning),
        effectiveFrom: row.effectiveFrom,
        source: row.source,
        origin: 'configured',
      };
    return { metric, ...NATIONAL_DEFAULT_THRESHOLDS[metric], origin: 'national-default' };
  });
}

/** Sets a metric's thresholds from a date (a regulator's change); 409 for a date that has one already. */
export async function setThreshold(
  db: FinancialSupervisionDb,
  input: {
    metric: PrudentialMetric;
    effectiveFrom: string;
    minimum: string;
    warning: string;
    source: string;
  },
  recorder: Recorder,
): Promise<ThresholdInForce> {
  if (
    percent(input.warning).num * percent(input.minimum).den <
    percent(input.minimum).num * percent(input.warning).den
  )
    throw new DomainError('INVALID', 'the warning level cannot be below the minimum', {
      field: 'warning',
      rule: 'below_minimum',
    });
  const row = await db
    .insertInto('prudential_threshold')
    .values({
      metric: input.metric,
      effective_from: input.effectiveFrom,
      minimum: input.minimum,
      warning: input.warning,
      source: input.source,
      set_by: recorder.by,
      set_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('metric')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `${input.metric} has a threshold from ${input.effectiveFrom} already`, {
      field: 'effectiveFrom',
      rule: 'already_set',
    });
  const { source, effectiveFrom, minimum, warning, metric } = input;
  return { metric, minimum, warning, effectiveFrom, source, origin: 'configured' };
}

export interface PrudentialReport {
  id: number;
  institution: string;
  quarter: string;
  ratios: Record<PrudentialMetric, string>;
  alerts: { metric: PrudentialMetric; level: AlertLevel; ratio: string; threshold: string }[];
  filedAt: string;
}

/**
 * Files a bank's figures for a quarter that is over (once; 409 the second
 * time), computes the four ratios exactly and raises an alert for each one
 * under the threshold in force on the quarter's last day.
 */
export async function fileReport(
  db: FinancialSupervisionDb,
  input: { institution: string; quarter: string; figures: PrudentialFigures },
  recorder: Recorder,
): Promise<PrudentialReport> {
  const institution = await requireReporting(db, input.institution);
  if (institution.kind !== 'bank')
    throw new DomainError('INVALID', 'prudential ratios are reported by commercial banks', {
      field: 'institution',
      rule: 'not_a_bank',
    });
  const end = quarterEnd(input.quarter);
  if (end >= chinaDate(recorder.at))
    throw new DomainError('INVALID', `quarter ${input.quarter} is not over yet`, {
      field: 'quarter',
      rule: 'not_ended',
    });
  const bad = checkFigures(input.figures);
  if (bad) throw new DomainError('INVALID', bad.message, { field: `figures.${bad.field}`, rule: bad.rule });
  const f = input.figures;
  const row = await db
    .insertInto('prudential_report')
    .values({
      institution: input.institution,
      quarter: input.quarter,
      core_tier1_capital: f.coreTier1Capital.toString(),
      tier1_capital: f.tier1Capital.toString(),
      total_capital: f.totalCapital.toString(),
      risk_weighted_assets: f.riskWeightedAssets.toString(),
      hqla: f.highQualityLiquidAssets.toString(),
      net_cash_outflows: f.netCashOutflows30d.toString(),
      filed_by: recorder.by,
      filed_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `${input.institution} has filed ${input.quarter} already`, {
      field: 'quarter',
      rule: 'already_filed',
    });
  const id = toSafeInteger(row.id);
  const exact = ratios(f);
  const thresholds = await thresholdsOn(db, end);
  const alerts = thresholds.flatMap((t) => {
    const level = alertFor(exact[t.metric], t);
    if (!level) return [];
    const threshold = level === 'breach' ? t.minimum : t.warning;
    return [{ metric: t.metric, level, ratio: formatPercent(exact[t.metric]), threshold }];
  });
  if (alerts.length > 0)
    await db
      .insertInto('prudential_alert')
      .values(alerts.map((a) => ({ report_id: id, ...a })))
      .execute();
  return {
    id,
    institution: input.institution,
    quarter: input.quarter,
    ratios: Object.fromEntries(prudentialMetrics.map((m) => [m, formatPercent(exact[m])])) as Record<
      PrudentialMetric,
      string
    >,
    alerts,
    filedAt: recorder.at.toISOString(),
  };
}

/** Alerts, newest quarter first, optionally of one quarter or institution. */
export async function listAlerts(
  db: FinancialSupervisionDb,
  filter: { quarter?: string | undefined; institution?: string | undefined },
) {
  let q = db
    .selectFrom('prudential_alert as a')
    .innerJoin('prudential_report as r', 'r.id', 'a.report_id')
    .select(['r.institution', 'r.quarter', 'a.metric', 'a.level', 'a.ratio', 'a.threshold'])
    .orderBy('r.quarter', 'desc')
    .orderBy('r.institution')
    .orderBy('a.metric')
    .limit(1000);
  if (filter.quarter) q = q.where('r.quarter', '=', filter.quarter);
  if (filter.institution) q = q.where('r.institution', '=', filter.institution);
  return q.execute();
}
