import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** An employer (参保单位), registered here by its unified social credit code. */
export interface EmployerTable {
  credit_code: string;
  name: string;
  /** The GB/T 2260 division inside the credit code (characters 3 to 8). */
  division_code: string;
  registered_by: string;
  registered_at: InstantColumn;
}

/** One employment period of an insured person at an employer; `end_on` inclusive, null while it lasts. */
export interface EmploymentTable {
  id: ColumnType<string | number | bigint, never, never>;
  employer_code: string;
  insured_uuid: string;
  start_on: DateColumn;
  end_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  recorded_by: string;
  recorded_at: InstantColumn;
}
