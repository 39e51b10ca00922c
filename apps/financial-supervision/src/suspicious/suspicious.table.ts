import type { BigintColumn, DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A suspicious transaction report (可疑交易报告): any amount, with the institution's grounds. */
export interface SuspiciousReportTable {
  id: Generated<string>;
  institution: string;
  subject_resident_id: string;
  subject_name: string;
  /** The company the subject acts for, whose invoices golden-tax checks on referral. */
  related_company: string | null;
  period_from: DateColumn;
  period_to: DateColumn;
  currency: 'CNY' | 'USD';
  amount_minor: BigintColumn;
  grounds: string;
  status: 'filed' | 'referred' | 'closed';
  /** golden-shield's answer to the identity check: match, mismatch or not_on_file. */
  identity_result: string | null;
  /** The case golden-shield opened. */
  case_no: string | null;
  /** What golden-tax reported back (counts and totals, no invoice lines). */
  tax_findings: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  filed_by: string;
  filed_at: InstantColumn;
  referred_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
