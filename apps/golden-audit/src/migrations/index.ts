import type { Migrations } from '@egov/kernel/db';
import * as createAuditProjects from './20261203T1910_create_audit_projects.ts';

/** golden-audit's migrations, in the order they were written. */
export const migrations: Migrations = { '20261203T1910_create_audit_projects': createAuditProjects };
