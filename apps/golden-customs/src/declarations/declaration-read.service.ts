import { DomainError } from '@egov/kernel/errors';
import type { Fen } from '@egov/standards';
import type { ExchangeRate } from '../currency/exchange.rules.ts';
import { lookupCurrency } from '../currency/iso4217.ts';
import type { GoldenCustomsDb } from '../database.ts';
import type { InspectionKind, InspectionResult } from '../inspections/inspection.table.ts';
import type { TaxSource } from '../payments/payment.table.ts';
import type { Lane, LaneReason } from '../risk/rules.ts';
import { formatMinor } from '../shared/decimal.ts';
import { isoDate, toFen } from '@egov/kernel/db';
import type { DeclarationTotals, Incoterm } from '../valuation/valuation.rules.ts';
import type { DeclarationStatus } from './declaration.table.ts';

export interface DeclarationLine {
  lineNo: number;
  commodityCode: string;
  description: string;
  quantity: string;
  unit: string;
  currency: string;
  incoterm: Incoterm;
  /** The declared price in the currency, exact decimal text. */
  value: string;
  freight: string | null;
  /** The stated insurance; null when none was stated (then 3‰ was added, `insuranceDerived`). */
  insurance: string | null;
  insuranceDerived: boolean;
  exchangeRate: Pick<ExchangeRate, 'cny' | 'per' | 'source' | 'month'>;
  customsValueFen: Fen;
  dutyRate: string;
  dutyFen: Fen;
  consumptionTaxRate: string;
  consumptionTaxFen: Fen;
  vatRate: string;
  vatFen: Fen;
  cccRequired: boolean;
  cccCertificateNo: string | null;
}

export interface TreasuryReceiptRecord {
  tax: TaxSource;
  sourceReference: string;
  amountFen: Fen;
  receiptId: string;
  status: 'matched' | 'suspense';
  businessDate: string;
  receivedAt: Date;
}

export interface InspectionRecord {
  kind: InspectionKind;
  result: InspectionResult;
  notes: string;
  inspectedAt: Date;
  inspectedBy: string;
}

export interface Declaration {
  id: string;
  declarationNo: string;
  importerCreditCode: string;
  declarantReference: string | null;
  status: DeclarationStatus;
  lane: Lane;
  laneReasons: LaneReason[];
  totals: DeclarationTotals;
  lines: DeclarationLine[];
  submittedAt: Date;
  submittedBy: string;
  paidAt: Date | null;
  releasedAt: Date | null;
  vatCertificateNo: string | null;
  inspection: InspectionRecord | null;
  receipts: TreasuryReceiptRecord[];
}

/**
 * The declaration an importer filed under its own reference, if any.
 *
 * @example
 * await findByReference(db, '91310000MA1FL0TEST', 'PO-2026-0007')
 */
export async function findByReference(
  db: GoldenCustomsDb,
  importerCreditCode: string,
  reference: string,
): Promise<Declaration | undefined> {
  const row = await db
    .selectFrom('declaration')
    .select('id')
    .where('importer_credit_code', '=', importerCreditCode)
    .where('declarant_reference', '=', reference)
    .executeTakeFirst();
  return row ? getDeclaration(db, row.id) : undefined;
}

/**
 * Locks a declaration's row for the rest of the transaction (so two payments
 * or releases of one declaration queue) and returns its status and lane.
 */
export async function lockDeclaration(
  trx: GoldenCustomsDb,
  id: string,
): Promise<{ id: string; status: DeclarationStatus; lane: Lane }> {
  const row = await trx
    .selectFrom('declaration')
    .select(['id', 'status', 'lane'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no declaration ${id}`, { field: 'declarationId' });
  return row;
}

/**
 * A declaration with its lines, receipts and inspection; NOT_FOUND names `declarationId`.
 *
 * @example
 * const declaration = await getDeclaration(db, id);
 */
export async function getDeclaration(db: GoldenCustomsDb, id: string): Promise<Declaration> {
  const row = await db.selectFrom('declaration').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `no declaration ${id}`, { field: 'declarationId' });
  const lineRows = await db
    .selectFrom('declaration_line')
    .selectAll()
    .where('declaration_id', '=', id)
    .orderBy('line_no')
    .execute();
  const receipts = await db
    .selectFrom('declaration_payment')
    .select([
      'tax',
      'source_reference',
      'amount_fen',
      'receipt_id',
      'receipt_status',
      isoDate('business_date').as('businessDate'),
      'received_at',
    ])
    .where('declaration_id', '=', id)
    .execute();
  const taxOrder: TaxSource[] = ['customs-duty', 'consumption-tax', 'import-vat'];
  receipts.sort((a, b) => taxOrder.indexOf(a.tax) - taxOrder.indexOf(b.tax));
  const inspection = await db
    .selectFrom('inspection')
    .selectAll()
    .where('declaration_id', '=', id)
    .executeTakeFirst();
  return {
    id: row.id,
    declarationNo: row.declaration_no,
    importerCreditCode: row.importer_credit_code,
    declarantReference: row.declarant_reference,
    status: row.status,
    lane: row.lane,
    laneReasons: typeof row.lane_reasons === 'string' ? JSON.parse(row.lane_reasons) : row.lane_reasons,
    totals: {
      customsValueFen: toFen(row.customs_value_fen),
      dutyFen: toFen(row.duty_fen),
      consumptionTaxFen: toFen(row.consumption_tax_fen),
      vatFen: toFen(row.vat_fen),
      totalFen: toFen(row.total_fen),
    },
    lines: lineRows.map((l) => {
      const minor = lookupCurrency(l.currency)?.minorUnits ?? 0;
      const text = (v: string | number | bigint | null) =>
        v === null ? null : formatMinor(BigInt(v), minor);
      return {
        lineNo: l.line_no,
        commodityCode: l.commodity_code,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        currency: l.currency,
        incoterm: l.incoterm,
        value: formatMinor(BigInt(l.value_minor), minor),
        freight: text(l.freight_minor),
        insurance: text(l.insurance_minor),
        insuranceDerived: l.insurance_derived,
        exchangeRate: {
          cny: l.rate_cny,
          per: l.rate_per === 100 ? 100 : 1,
          source: l.rate_source,
          month: l.rate_month,
        },
        customsValueFen: toFen(l.customs_value_fen),
        dutyRate: l.duty_rate,
        dutyFen: toFen(l.duty_fen),
        consumptionTaxRate: l.consumption_tax_rate,
        consumptionTaxFen: toFen(l.consumption_tax_fen),
        vatRate: l.vat_rate,
        vatFen: toFen(l.vat_fen),
        cccRequired: l.ccc_required,
        cccCertificateNo: l.ccc_certificate_no,
      };
    }),
    submittedAt: row.submitted_at,
    submittedBy: row.submitted_by,
    paidAt: row.paid_at,
    releasedAt: row.released_at,
    vatCertificateNo: row.vat_certificate_no,
    inspection: inspection
      ? {
          kind: inspection.kind,
          result: inspection.result,
          notes: inspection.notes,
          inspectedAt: inspection.inspected_at,
          inspectedBy: inspection.inspected_by,
        }
      : null,
    receipts: receipts.map((r) => ({
      tax: r.tax,
      sourceReference: r.source_reference,
      amountFen: toFen(r.amount_fen),
      receiptId: r.receipt_id,
      status: r.receipt_status,
      businessDate: r.businessDate,
      receivedAt: r.received_at,
    })),
  };
}
