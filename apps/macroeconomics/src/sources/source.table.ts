import type { DateColumn, InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

/** A grant this system holds on another agency's catalog resource (granted at the platform). */
export interface SubscriptionTable {
  resource_id: string;
  owner_app: string;
  grant_id: string;
  registered_by: string;
  /** When the grant was (last) registered: a renewed grant replaces the one before. */
  registered_at: ColumnType<Date, Date, Date>;
}

/**
 * One publication pulled through the exchange: which resource, procedure and grant, the payload as
 * received and its SHA-256, and the request (audit record) that pulled it.
 */
export interface DatasetTable {
  id: Generated<string>;
  resource_id: string;
  owner_app: string;
  procedure: string;
  grant_id: string;
  period_start: DateColumn;
  digest: string;
  payload: ColumnType<unknown, string, never>;
  request_id: string;
  trace_id: string;
  fetched_by: string;
  fetched_at: InstantColumn;
}
