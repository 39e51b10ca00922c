import type { Kysely } from 'kysely';
import type { AppropriationTable } from './appropriations/appropriation.table.ts';
import type { BudgetUnitTable } from './budget-units/budget-unit.table.ts';
import type { AccountTable } from './ledger/account.table.ts';
import type { JournalLineTable, JournalTable } from './ledger/journal.table.ts';
import type { DeceasedPayeeTable, PaymentTable } from './payments/payment.table.ts';
import type { ReconciliationRunTable } from './reconciliation/reconciliation-run.table.ts';
import type { ExpectedItemTable } from './treasury/expected-item.table.ts';
import type { ReceiptTable } from './treasury/receipt.table.ts';

/** The tables of schema `golden_finance`, as Kysely sees them. */
export interface GoldenFinanceDatabase {
  budget_unit: BudgetUnitTable;
  account: AccountTable;
  appropriation: AppropriationTable;
  journal: JournalTable;
  journal_line: JournalLineTable;
  payment: PaymentTable;
  deceased_payee: DeceasedPayeeTable;
  expected_item: ExpectedItemTable;
  receipt: ReceiptTable;
  reconciliation_run: ReconciliationRunTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenFinanceDb = Kysely<GoldenFinanceDatabase>;
