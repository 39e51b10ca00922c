import type { DateColumn, InstantColumn } from '@egov/kernel/db';

/** An insured person (参保人), one per resident ID. */
export interface InsuredPersonTable {
  uuid: string;
  resident_id: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: DateColumn;
  enrolled_by: string;
  enrolled_at: InstantColumn;
}
