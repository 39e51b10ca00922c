import type { Kysely } from 'kysely';
import type {
  DeclarationLineTable,
  DeclarationSequenceTable,
  DeclarationTable,
} from './declarations/declaration.table.ts';
import type { ImporterTable } from './importers/importer.table.ts';
import type { InspectionTable } from './inspections/inspection.table.ts';
import type { DeclarationPaymentTable } from './payments/payment.table.ts';

/** The tables of schema `golden_customs`, as Kysely sees them. */
export interface GoldenCustomsDatabase {
  importer: ImporterTable;
  declaration: DeclarationTable;
  declaration_line: DeclarationLineTable;
  declaration_sequence: DeclarationSequenceTable;
  declaration_payment: DeclarationPaymentTable;
  inspection: InspectionTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenCustomsDb = Kysely<GoldenCustomsDatabase>;
