import type { BigintColumn, DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';
import type { Category, Currency, CustomerType } from './transaction.rules.ts';

/** One submitted file: how many rows were read, kept and refused. */
export interface TransactionBatchTable {
  id: Generated<string>;
  institution: string;
  format: 'csv' | 'jsonl';
  rows_read: number;
  rows_accepted: number;
  rows_refused: number;
  submitted_by: string;
  submitted_at: InstantColumn;
}

/** A transaction an institution reported, unique per institution and its transaction id. */
export interface TransactionRecordTable {
  institution: string;
  txn_id: string;
  batch_id: BigintColumn;
  customer_type: CustomerType;
  customer_id: string;
  customer_name: string;
  kind: 'cash' | 'transfer';
  direction: 'in' | 'out';
  cross_border: boolean;
  currency: Currency;
  amount_minor: BigintColumn;
  booked_on: DateColumn;
  category: Category;
}

/** The one-sided total of a customer's transactions of a category and currency on a day. */
export interface DailyTotalTable {
  institution: string;
  customer_id: string;
  booked_on: DateColumn;
  category: Category;
  currency: Currency;
  direction: 'in' | 'out';
  total_minor: ColumnType<string, string, string>;
  txn_count: number;
}

/** A large-value report (大额交易报告), produced once a day's total reaches the threshold. */
export interface LargeValueReportTable {
  id: Generated<string>;
  institution: string;
  customer_id: string;
  customer_type: CustomerType;
  customer_name: string;
  booked_on: DateColumn;
  category: Category;
  currency: Currency;
  direction: 'in' | 'out';
  threshold_minor: BigintColumn;
  batch_id: BigintColumn;
  /** 5 working days after the day of the transactions. */
  due_on: DateColumn;
  /** The China day the transactions that reached the threshold arrived. */
  received_on: DateColumn;
  /** Received after it was due. */
  overdue: boolean;
  produced_at: InstantColumn;
}
