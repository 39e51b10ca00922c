import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** An application to open a business (flow 2) and when each agency finished its step. */
export interface BusinessApplicationTable {
  uuid: string;
  reference: string;
  request_digest: string;
  entity_uuid: string;
  credit_code: string;
  taxpayer_kind: 'general' | 'small-scale';
  submitted_by: string;
  submitted_at: InstantColumn;
  tax_registered_at: ColumnType<Date | null, Date | null, Date | null>;
  employer_registered_at: ColumnType<Date | null, Date | null, Date | null>;
}
