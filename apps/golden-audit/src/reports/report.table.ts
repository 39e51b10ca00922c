import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType } from 'kysely';

/** golden-audit's report seal: its key pair (the private half sealed at rest) and the platform CA's chain. */
export interface ReportSealKeyTable {
  id: 'report';
  algorithm: string;
  public_key: string;
  private_key_sealed: string;
  certificate_chain: ColumnType<string[] | null, null, string[]>;
  created_by: string;
  created_at: InstantColumn;
}

/** Each report exported: its digest and the certificate it was sealed under. */
export interface AuditReportTable {
  id: string;
  project_id: string;
  digest: string;
  algorithm: string;
  certificate_serial: string;
  signed_at: InstantColumn;
  exported_by: string;
}
