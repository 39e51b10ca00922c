import type { Migrations } from '@egov/kernel/db';
import * as signingKey from './20261126T0700_create_signing_key.ts';
import * as officials from './20261126T0710_create_officials.ts';
import * as serviceAccounts from './20261126T0720_create_service_accounts.ts';
import * as registration from './20261126T0730_create_registration.ts';
import * as hardenLogin from './20261127T0700_harden_login.ts';
import * as officialMfa from './20261127T0710_create_official_mfa.ts';
import * as separateAdministrators from './20261127T0720_separate_administrators.ts';
import * as catalogGrants from './20261128T0700_catalog_grants_in_ordinary_roles.ts';
import * as catalog from './20261128T0710_create_catalog.ts';
import * as seals from './20261128T0720_create_seals.ts';
import * as officialScope from './20261201T0800_create_official_scope.ts';
import * as revocableServices from './20261204T0700_revocable_service_accounts.ts';

/** The platform schema's history, oldest first. Files are frozen once merged: add, never edit. */
export const migrations: Migrations = {
  '20261126T0700_create_signing_key': signingKey,
  '20261126T0710_create_officials': officials,
  '20261126T0720_create_service_accounts': serviceAccounts,
  '20261126T0730_create_registration': registration,
  '20261127T0700_harden_login': hardenLogin,
  '20261127T0710_create_official_mfa': officialMfa,
  '20261127T0720_separate_administrators': separateAdministrators,
  '20261128T0700_catalog_grants_in_ordinary_roles': catalogGrants,
  '20261128T0710_create_catalog': catalog,
  '20261128T0720_create_seals': seals,
  '20261201T0800_create_official_scope': officialScope,
  '20261204T0700_revocable_service_accounts': revocableServices,
};
