import type { Selectable } from 'kysely';
import type { AeoClass } from '../risk/rules.ts';
import type { InstantColumn } from '@egov/kernel/db';

/**
 * Importers registered with customs (报关单位备案), with their AEO
 * certification (海关认证企业): `advanced` is the internationally recognised
 * AEO class, `general` the domestic one.
 */
export interface ImporterTable {
  credit_code: string;
  name: string;
  aeo_class: AeoClass | null;
  registered_at: InstantColumn;
  registered_by: string;
}

export type ImporterRow = Selectable<ImporterTable>;
