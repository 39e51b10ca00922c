import type { ColumnType, Selectable } from 'kysely';
import type { CreatedAt } from '../database.ts';

export interface AgencyTable {
  /** Short code officials and tokens carry, e.g. `mps`. */
  code: string;
  name: string;
  /** The network the agency's home systems sit on (S1.1). */
  zone: 'internal' | 'external' | 'public';
}

/** Which of the three separated administrators a role makes its holder, or `none` (GB/T 22239 8.1.5). */
export type AdminKind = 'none' | 'system' | 'security' | 'audit';

/** A named set of permission grants; an official's token carries the union of their roles'. */
export interface RoleTable {
  name: string;
  description: string;
  permissions: ColumnType<string[], string[] | undefined, string[]>;
  /** Set by migrations only; the database refuses to change it while the role is held. */
  admin_kind: ColumnType<AdminKind, AdminKind | undefined, never>;
}

export interface OfficialTable {
  id: string;
  username: string;
  display_name: string;
  agency_code: string;
  /** argon2id, PHC string (parameters travel with the hash). */
  password_hash: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  /** Consecutive failed logins; reset by a successful one and when a lock runs out. */
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  /** Every token of this official issued before this moment is void (account disabled). */
  tokens_not_before: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Mainland mobile number, bare 11 digits; only ever shown masked. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OfficialRoleTable {
  official_id: string;
  role_name: string;
  /** Copied from the role (a foreign key keeps it honest); at most one non-`none` per official. */
  admin_kind: ColumnType<AdminKind, AdminKind | undefined, never>;
}

export type AgencyRow = Selectable<AgencyTable>;
export type RoleRow = Selectable<RoleTable>;
export type OfficialRow = Selectable<OfficialTable>;
