import type { Kysely } from 'kysely';
import type { IdSequenceTable } from './births/id-sequence.table.ts';
import type { CaseFileTable, CaseFindingTable } from './cases/case.table.ts';
import type { DeathTable } from './deaths/death.table.ts';
import type { HouseholdMoveTable } from './moves/move.table.ts';
import type { ResidentTable } from './residents/resident.table.ts';
import type { VerificationLogTable } from './verification/verification-log.table.ts';

/** The tables of schema `golden_shield`, as Kysely sees them. */
export interface GoldenShieldDatabase {
  resident: ResidentTable;
  household_move: HouseholdMoveTable;
  death: DeathTable;
  id_sequence: IdSequenceTable;
  verification_log: VerificationLogTable;
  case_file: CaseFileTable;
  case_finding: CaseFindingTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenShieldDb = Kysely<GoldenShieldDatabase>;
