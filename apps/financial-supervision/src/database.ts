import type { Kysely } from 'kysely';
import type { BankCardTable, BinRangeTable } from './cards/card.table.ts';
import type { InstitutionTable } from './institutions/institution.table.ts';
import type {
  PrudentialAlertTable,
  PrudentialReportTable,
  PrudentialThresholdTable,
} from './prudential/prudential.table.ts';
import type { SuspiciousReportTable } from './suspicious/suspicious.table.ts';
import type {
  DailyTotalTable,
  LargeValueReportTable,
  TransactionBatchTable,
  TransactionRecordTable,
} from './transactions/transaction.table.ts';

/** The tables of schema `financial_supervision`, as Kysely sees them. */
export interface FinancialSupervisionDatabase {
  institution: InstitutionTable;
  prudential_threshold: PrudentialThresholdTable;
  prudential_report: PrudentialReportTable;
  prudential_alert: PrudentialAlertTable;
  transaction_batch: TransactionBatchTable;
  transaction_record: TransactionRecordTable;
  daily_total: DailyTotalTable;
  large_value_report: LargeValueReportTable;
  suspicious_report: SuspiciousReportTable;
  bin_range: BinRangeTable;
  bank_card: BankCardTable;
}

/** What services take first: the app's database or a transaction on it. */
export type FinancialSupervisionDb = Kysely<FinancialSupervisionDatabase>;
