import type { Migrations } from '@egov/kernel/db';
import * as signingKey from './20261126T0700_create_signing_key.ts';
import * as officials from './20261126T0710_create_officials.ts';
import * as serviceAccounts from './20261126T0720_create_service_accounts.ts';
import * as registration from './20261126T0730_create_registration.ts';

/** The platform schema's history, oldest first. Files are frozen once merged: add, never edit. */
export const migrations: Migrations = {
  '20261126T0700_create_signing_key': signingKey,
  '20261126T0710_create_officials': officials,
  '20261126T0720_create_service_accounts': serviceAccounts,
  '20261126T0730_create_registration': registration,
};
