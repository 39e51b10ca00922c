import type { DateColumn, FenColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** One sample taken on the market under a sampling plan (监督抽查), and its laboratory result. */
export interface SampleTable {
  uuid: string;
  serial: Generated<string>;
  plan_code: string;
  product_name: string;
  producer_credit_code: string;
  batch_no: string;
  sampled_on: DateColumn;
  sampled_by: string;
  result: Later<'pass' | 'fail'>;
  findings: Later<string>;
  result_at: Later<Date>;
}

/** The recall (召回) a failed sample orders. */
export interface RecallTable {
  sample_uuid: string;
  ordered_at: InstantColumn;
  ordered_by: string;
}

/** The fine (罚款) decided on a failed sample, expected and paid at the treasury as non-tax revenue. */
export interface FineTable {
  sample_uuid: string;
  source_reference: string;
  amount_fen: FenColumn;
  due_on: DateColumn;
  decided_by: string;
  decided_at: InstantColumn;
  receipt_id: Later<string>;
  receipt_status: Later<string>;
  paid_at: Later<Date>;
}
