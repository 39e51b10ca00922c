import type { Migrations } from '@egov/kernel/db';
import * as createLegalEntities from './20261203T1900_create_legal_entities.ts';
import * as createBusinessApplications from './20261203T1910_create_business_applications.ts';
import * as createCccCertificates from './20261203T1930_create_ccc_certificates.ts';
import * as createAntiCounterfeitCodes from './20261203T1940_create_anti_counterfeit_codes.ts';
import * as createSampling from './20261203T1950_create_sampling.ts';

/** golden-quality's migrations, in the order they were written. */
export const migrations: Migrations = {
  '20261203T1900_create_legal_entities': createLegalEntities,
  '20261203T1910_create_business_applications': createBusinessApplications,
  '20261203T1930_create_ccc_certificates': createCccCertificates,
  '20261203T1940_create_anti_counterfeit_codes': createAntiCounterfeitCodes,
  '20261203T1950_create_sampling': createSampling,
};
