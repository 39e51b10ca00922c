import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

/** The agency's seal key: private key encrypted at rest, certificate from the platform's CA once installed. */
export interface SealKeyTable {
  id: Generated<string>;
  algorithm: string;
  public_key: string;
  private_key_sealed: string;
  certificate_chain: ColumnType<string[] | null, string | null, string | null>;
  serial_number: string | null;
  not_after: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_by: string;
  created_at: InstantColumn;
  installed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
