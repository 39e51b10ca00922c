import type { ColumnType, Kysely } from 'kysely';
import type {
  AccessRequestTable,
  AgencySystemTable,
  ExchangeGrantTable,
  InformationResourceTable,
} from './catalog/catalog.table.ts';
import type { SigningKeyTable } from './keys/key.table.ts';
import type { OfficialMfaTable } from './mfa/mfa.table.ts';
import type { AgencyTable, OfficialRoleTable, OfficialTable, RoleTable } from './officials/official.table.ts';
import type { OfficialScopeTable } from './officials/scope.table.ts';
import type { RegistrationTable } from './registry/registry.table.ts';
import type { SealCaTable, SealCertificateTable } from './seals/seal.table.ts';
import type { ServiceAccountTable, ServiceAssertionJtiTable } from './services/service.table.ts';
import type { SessionTable } from './sessions/session.table.ts';

/** Every table of the `platform` schema, one type per table (see each `*.table.ts`). */
export interface PlatformDatabase {
  signing_key: SigningKeyTable;
  agency: AgencyTable;
  role: RoleTable;
  official: OfficialTable;
  official_role: OfficialRoleTable;
  official_scope: OfficialScopeTable;
  official_mfa: OfficialMfaTable;
  session: SessionTable;
  service_account: ServiceAccountTable;
  service_assertion_jti: ServiceAssertionJtiTable;
  registration: RegistrationTable;
  agency_system: AgencySystemTable;
  information_resource: InformationResourceTable;
  access_request: AccessRequestTable;
  exchange_grant: ExchangeGrantTable;
  seal_ca: SealCaTable;
  seal_certificate: SealCertificateTable;
}

export type PlatformDb = Kysely<PlatformDatabase>;

/**
 * A jsonb column: read back as parsed JSON, written as a JSON string. A string
 * is the one encoding that `pg` and PGlite both pass through unchanged (`pg`
 * would turn a JS array into a Postgres array literal).
 */
export type Json<T> = ColumnType<T, string, string>;

/** A column the database fills in on insert and nobody updates. */
export type CreatedAt = ColumnType<Date, Date | undefined, never>;
