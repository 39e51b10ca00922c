import type { Kysely } from 'kysely';
import type { EmployerTable, EmploymentTable } from './employers/employer.table.ts';
import type { InsuredPersonTable } from './insured/insured.table.ts';

/** The tables of schema `social_security`, as Kysely sees them. */
export interface SocialSecurityDatabase {
  insured_person: InsuredPersonTable;
  employer: EmployerTable;
  employment: EmploymentTable;
}

/** What services take first: the app's database or a transaction on it. */
export type SocialSecurityDb = Kysely<SocialSecurityDatabase>;
