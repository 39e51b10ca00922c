import type { Kysely } from 'kysely';
import type {
  AverageWageTable,
  DeclarationLineTable,
  DeclarationPaymentTable,
  DeclarationTable,
  PersonalAccountEntryTable,
} from './contributions/contribution.table.ts';
import type { CardTable } from './cards/card.table.ts';
import type { EmployerTable, EmploymentTable } from './employers/employer.table.ts';
import type { InsuredPersonTable } from './insured/insured.table.ts';
import type { PayrollLineTable, PayrollRunTable } from './payroll/payroll.table.ts';
import type { PensionTable, RecoveryClaimTable, ReportedDeathTable } from './pensions/pension.table.ts';

/** The tables of schema `social_security`, as Kysely sees them. */
export interface SocialSecurityDatabase {
  insured_person: InsuredPersonTable;
  employer: EmployerTable;
  employment: EmploymentTable;
  average_wage: AverageWageTable;
  declaration: DeclarationTable;
  declaration_line: DeclarationLineTable;
  personal_account_entry: PersonalAccountEntryTable;
  card: CardTable;
  declaration_payment: DeclarationPaymentTable;
  pension: PensionTable;
  payroll_run: PayrollRunTable;
  payroll_line: PayrollLineTable;
  reported_death: ReportedDeathTable;
  recovery_claim: RecoveryClaimTable;
}

/** What services take first: the app's database or a transaction on it. */
export type SocialSecurityDb = Kysely<SocialSecurityDatabase>;
