import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

export const institutionKinds = [
  'bank',
  'securities',
  'insurance',
  'trust',
  'finance-company',
  'payment-institution',
] as const;
export type InstitutionKind = (typeof institutionKinds)[number];
export const institutionStatuses = ['active', 'suspended', 'revoked'] as const;
export type InstitutionStatus = (typeof institutionStatuses)[number];

/** A licensed financial institution (金融机构), by its unified social credit code. */
export interface InstitutionTable {
  credit_code: string;
  name: string;
  kind: InstitutionKind;
  /** The financial licence number (金融许可证号), unique. */
  licence_no: string;
  status: InstitutionStatus;
  registered_by: string;
  registered_at: InstantColumn;
  status_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
