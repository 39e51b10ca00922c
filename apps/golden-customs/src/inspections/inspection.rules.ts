import { DomainError } from '@egov/kernel/errors';
import type { DeclarationStatus } from '../declarations/declaration.table.ts';
import { inspectionFor } from '../declarations/release.rules.ts';
import type { Lane } from '../risk/rules.ts';
import type { InspectionKind } from './inspection.table.ts';

/**
 * The kind of inspection a declaration may have recorded, or a CONFLICT:
 * `not_selected` (a blue or green lane has none), `already_released`,
 * `already_inspected` (one result per declaration; a failed one holds the goods).
 *
 * @example
 * checkInspection({ lane: 'yellow', status: 'submitted', inspected: false }) // 'documents'
 */
export function checkInspection(declaration: {
  lane: Lane;
  status: DeclarationStatus;
  inspected: boolean;
}): InspectionKind {
  const refuse = (rule: string, message: string) =>
    new DomainError('CONFLICT', message, { field: 'declarationId', rule });
  const kind = inspectionFor(declaration.lane);
  if (!kind) throw refuse('not_selected', `a ${declaration.lane} lane is not inspected before release`);
  if (declaration.status === 'released') throw refuse('already_released', 'the goods are already released');
  if (declaration.inspected)
    throw refuse('already_inspected', 'this declaration already has its inspection result');
  return kind;
}
