import type { Migrations } from '@egov/kernel/db';
import * as institutions from './20261203T1900_create_institutions.ts';
import * as prudential from './20261203T1910_create_prudential.ts';
import * as transactions from './20261203T1920_create_transactions.ts';
import * as goldenCard from './20261203T1930_create_golden_card.ts';
import * as suspicious from './20261203T1940_create_suspicious_reports.ts';

/** financial-supervision's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261203T1900_create_institutions': institutions,
  '20261203T1910_create_prudential': prudential,
  '20261203T1920_create_transactions': transactions,
  '20261203T1930_create_golden_card': goldenCard,
  '20261203T1940_create_suspicious_reports': suspicious,
};
