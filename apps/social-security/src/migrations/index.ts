import type { Migrations } from '@egov/kernel/db';
import * as createInsuredPersons from './20261203T1730_create_insured_persons.ts';
import * as createEmployers from './20261203T1740_create_employers.ts';
import * as createContributions from './20261203T1750_create_contributions.ts';
import * as createCards from './20261203T1800_create_cards.ts';
import * as createDeclarationPayments from './20261203T1810_create_declaration_payments.ts';
import * as createPensions from './20261203T1900_create_pensions.ts';

/** social-security's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261203T1730_create_insured_persons': createInsuredPersons,
  '20261203T1740_create_employers': createEmployers,
  '20261203T1750_create_contributions': createContributions,
  '20261203T1800_create_cards': createCards,
  '20261203T1810_create_declaration_payments': createDeclarationPayments,
  '20261203T1900_create_pensions': createPensions,
};
