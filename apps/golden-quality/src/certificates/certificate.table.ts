import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

export type CertificateStage =
  | 'applied'
  | 'documents_reviewed'
  | 'type_tested'
  | 'factory_inspected'
  | 'valid'
  | 'suspended'
  | 'refused';

type Updatable<T> = ColumnType<T, T, T>;

/** A CCC certification: the application, then (once issued) the certificate; numbered from `serial`. */
export interface CccCertificateTable {
  uuid: string;
  serial: Generated<string>;
  holder_credit_code: string;
  product_name: string;
  model: string;
  commodity_code: string;
  stage: Updatable<CertificateStage>;
  valid_from: ColumnType<Date | string | null, string | null, string | null>;
  valid_until: ColumnType<Date | string | null, string | null, string | null>;
  last_follow_up_on: ColumnType<Date | string | null, string | null, string | null>;
  stage_note: Updatable<string | null>;
  applied_by: string;
  applied_at: InstantColumn;
  updated_at: Updatable<Date>;
}

/** One annual follow-up inspection (年度监督检查) of a certificate. */
export interface CccFollowUpTable {
  certificate_uuid: string;
  inspected_on: DateColumn;
  result: 'pass' | 'fail';
  findings: string;
  recorded_by: string;
  recorded_at: InstantColumn;
}
