import type { Selectable } from 'kysely';
import type { InstantColumn } from '@egov/kernel/db';

export type InspectionKind = 'physical' | 'documents';
export type InspectionResult = 'pass' | 'fail';

/** The result of a red lane's examination (查验) or a yellow lane's document check (审单); one per declaration. */
export interface InspectionTable {
  declaration_id: string;
  kind: InspectionKind;
  result: InspectionResult;
  notes: string;
  inspected_at: InstantColumn;
  inspected_by: string;
}

export type InspectionRow = Selectable<InspectionTable>;
