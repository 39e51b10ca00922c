import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';
import type { AlertLevel, PrudentialMetric } from './prudential.rules.ts';

/** numeric columns come back from the driver as strings; written as decimal strings. */
type Numeric = ColumnType<string, string, string>;

/** A threshold in force from its date until the next one for the metric (dated configuration, R). */
export interface PrudentialThresholdTable {
  metric: PrudentialMetric;
  effective_from: DateColumn;
  minimum: Numeric;
  warning: Numeric;
  source: string;
  set_by: string;
  set_at: InstantColumn;
}

/** A bank's quarterly figures, in fen. */
export interface PrudentialReportTable {
  id: ColumnType<string | number | bigint, never, never>;
  institution: string;
  quarter: string;
  core_tier1_capital: Numeric;
  tier1_capital: Numeric;
  total_capital: Numeric;
  risk_weighted_assets: Numeric;
  hqla: Numeric;
  net_cash_outflows: Numeric;
  filed_by: string;
  filed_at: InstantColumn;
}

/** An alert a report raised: the ratio and the threshold it fell under, as percentages. */
export interface PrudentialAlertTable {
  report_id: string | number | bigint;
  metric: PrudentialMetric;
  level: AlertLevel;
  ratio: string;
  threshold: string;
}
