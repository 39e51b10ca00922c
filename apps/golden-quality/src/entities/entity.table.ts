import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** The last organisation-code number one registration authority issued. */
export interface CodeSequenceTable {
  authority: string;
  last: ColumnType<string | number | bigint, number, number>;
}

export type EntityStatus = 'active' | 'suspended' | 'deregistered';

/** A legal entity of the base (法人单位), named by its credit code; never deleted. */
export interface LegalEntityTable {
  uuid: string;
  credit_code: string;
  organisation_code: string;
  authority: string;
  entity_type: string;
  name: string;
  division: string;
  address: string;
  legal_rep_name: string;
  legal_rep_id: string;
  registered_capital_fen: ColumnType<string | number | bigint | null, number | null, never>;
  business_scope: string;
  status: ColumnType<EntityStatus, EntityStatus, EntityStatus>;
  registered_by: string;
  registered_at: InstantColumn;
  status_changed_at: ColumnType<Date, Date, Date>;
  status_reason: ColumnType<string | null, string | null, string | null>;
}
