import type { ColumnType, Selectable } from 'kysely';
import type { CreatedAt } from '../database.ts';

export interface AgencyTable {
  /** Short code officials and tokens carry, e.g. `mps`. */
  code: string;
  name: string;
  /** The network the agency's home systems sit on (S1.1). */
  zone: 'internal' | 'external' | 'public';
}

/** A named set of permission grants; an official's token carries the union of their roles'. */
export interface RoleTable {
  name: string;
  description: string;
  permissions: ColumnType<string[], string[] | undefined, string[]>;
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
}

export interface OfficialRoleTable {
  official_id: string;
  role_name: string;
}

export type AgencyRow = Selectable<AgencyTable>;
export type RoleRow = Selectable<RoleTable>;
export type OfficialRow = Selectable<OfficialTable>;
