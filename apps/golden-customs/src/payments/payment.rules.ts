import { DomainError } from '@egov/kernel/errors';
import type { Fen } from '@egov/standards';
import type { DeclarationTotals } from '../valuation/valuation.rules.ts';
import type { TaxSource } from './payment.table.ts';

/** Days to pay from the assessment (海关法: 15 days from the payment notice (R)). */
export const DAYS_TO_PAY = 15;

/**
 * The treasury reference of one tax of a declaration. golden-finance accepts
 * letters, digits and hyphens only, so the tax follows a hyphen.
 *
 * @example
 * sourceReference('220020261000000042', 'import-vat') // '220020261000000042-import-vat'
 */
export function sourceReference(declarationNo: string, tax: TaxSource): string {
  return `${declarationNo}-${tax}`;
}

/**
 * The last day to pay: {@link DAYS_TO_PAY} days after the declaration was assessed.
 *
 * @example
 * dueDate('2026-11-26') // '2026-12-11'
 */
export function dueDate(assessedOn: string): string {
  const day = new Date(`${assessedOn}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + DAYS_TO_PAY);
  return day.toISOString().slice(0, 10);
}

/**
 * The taxes to pay, in the order they are assessed, without the zero ones.
 *
 * @example
 * taxesDue({ dutyFen: 0, consumptionTaxFen: 0, vatFen: 130_000, ... }) // [{ tax: 'import-vat', amountFen: 130000 }]
 */
export function taxesDue(totals: DeclarationTotals): { tax: TaxSource; amountFen: Fen }[] {
  const all: { tax: TaxSource; amountFen: Fen }[] = [
    { tax: 'customs-duty', amountFen: totals.dutyFen },
    { tax: 'consumption-tax', amountFen: totals.consumptionTaxFen },
    { tax: 'import-vat', amountFen: totals.vatFen },
  ];
  return all.filter((t) => t.amountFen > 0);
}

/**
 * A payment states the whole amount due or nothing: more is refused
 * (`exceeds_amount_due`), and so is less (`below_amount_due`; part payments
 * are not taken).
 *
 * @example
 * checkStatedAmount(100, 100) // ok
 */
export function checkStatedAmount(stated: number | undefined, due: number): void {
  if (stated === undefined || stated === due) return;
  const over = stated > due;
  throw new DomainError(
    'INVALID',
    `the payment of ${stated} fen is ${over ? 'over' : 'under'} the ${due} fen due`,
    { field: 'amountFen', rule: over ? 'exceeds_amount_due' : 'below_amount_due' },
  );
}
