import { DomainError } from '@egov/kernel/errors';
import type { InspectionKind, InspectionResult } from '../inspections/inspection.table.ts';
import type { Lane } from '../risk/rules.ts';
import type { DeclarationStatus } from './declaration.table.ts';

/**
 * What a lane needs before release: red a physical examination (查验),
 * yellow a document check (审单); blue and green none.
 *
 * @example
 * inspectionFor('red') // 'physical'
 * inspectionFor('blue') // null
 */
export function inspectionFor(lane: Lane): InspectionKind | null {
  if (lane === 'red') return 'physical';
  if (lane === 'yellow') return 'documents';
  return null;
}

/**
 * Refuses a release (CONFLICT) unless the declaration is paid and, where its
 * lane needs one, has passed its inspection. Rules: `already_released`,
 * `not_paid`, `inspection_required`, `inspection_failed`.
 *
 * @example
 * checkRelease({ status: 'paid', lane: 'green', inspection: null }) // ok
 * checkRelease({ status: 'paid', lane: 'red', inspection: null })   // throws inspection_required
 */
export function checkRelease(declaration: {
  status: DeclarationStatus;
  lane: Lane;
  inspection: { result: InspectionResult } | null;
}): void {
  const refuse = (rule: string, message: string) =>
    new DomainError('CONFLICT', message, { field: 'declarationId', rule });
  if (declaration.status === 'released') throw refuse('already_released', 'the goods are already released');
  if (declaration.status !== 'paid') throw refuse('not_paid', 'duty and taxes are not paid yet');
  const needed = inspectionFor(declaration.lane);
  if (!needed) return;
  const what = needed === 'physical' ? 'a physical examination' : 'a document check';
  if (!declaration.inspection) {
    throw refuse('inspection_required', `a ${declaration.lane} lane needs ${what} passed before release`);
  }
  if (declaration.inspection.result === 'fail') {
    throw refuse('inspection_failed', `the goods failed ${what}: they are held, not released`);
  }
}

/**
 * The import-VAT certificate (海关进口增值税专用缴款书) number: the VAT
 * payment's treasury reference, so tax, finance and audit name it alike.
 *
 * @example
 * vatCertificateNumber('220020261000000042') // '220020261000000042-import-vat'
 */
export function vatCertificateNumber(declarationNo: string): string {
  return `${declarationNo}-import-vat`;
}
