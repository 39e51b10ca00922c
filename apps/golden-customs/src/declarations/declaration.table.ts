import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Lane, LaneReason } from '../risk/rules.ts';
import type { FenColumn, InstantColumn } from '@egov/kernel/db';
import type { MinorColumn } from '../shared/decimal.ts';
import type { Incoterm } from '../valuation/valuation.rules.ts';

export type DeclarationStatus = 'submitted' | 'paid' | 'released';

/** An import declaration (进口报关单): its lane, assessed totals and where it stands. */
export interface DeclarationTable {
  id: Generated<string>;
  /** 18 digits: declaring customs (4), year (4), import flag 1, serial (9). */
  declaration_no: string;
  importer_credit_code: string;
  /** The declarant's own reference (企业内部编号), unique per importer when given. */
  declarant_reference: string | null;
  status: DeclarationStatus;
  lane: Lane;
  lane_reasons: ColumnType<LaneReason[], string, string>;
  customs_value_fen: FenColumn;
  duty_fen: FenColumn;
  consumption_tax_fen: FenColumn;
  vat_fen: FenColumn;
  total_fen: FenColumn;
  submitted_at: InstantColumn;
  submitted_by: string;
  paid_at: ColumnType<Date | null, never, Date>;
  paid_by: ColumnType<string | null, never, string>;
  released_at: ColumnType<Date | null, never, Date>;
  released_by: ColumnType<string | null, never, string>;
  /** The import-VAT certificate (海关进口增值税专用缴款书) number, set at release when VAT was paid. */
  vat_certificate_no: ColumnType<string | null, never, string | null>;
}

/** One commodity line (商品项) with its valuation and the three taxes as assessed. */
export interface DeclarationLineTable {
  declaration_id: string;
  line_no: number;
  commodity_code: string;
  description: string;
  /** Exact decimal text in the legal unit. */
  quantity: string;
  unit: string;
  currency: string;
  incoterm: Incoterm;
  value_minor: MinorColumn;
  freight_minor: ColumnType<string | number | bigint | null, string | null, never>;
  insurance_minor: ColumnType<string | number | bigint | null, string | null, never>;
  insurance_derived: boolean;
  rate_cny: string;
  rate_per: number;
  rate_source: 'declared' | 'customs';
  rate_month: string | null;
  customs_value_fen: FenColumn;
  duty_rate: string;
  duty_fen: FenColumn;
  consumption_tax_rate: string;
  consumption_tax_fen: FenColumn;
  vat_rate: string;
  vat_fen: FenColumn;
  ccc_required: boolean;
  ccc_certificate_no: string | null;
}

/** The last serial issued per (declaring customs, year). */
export interface DeclarationSequenceTable {
  office: string;
  year: number;
  last_serial: number;
}

export type DeclarationRow = Selectable<DeclarationTable>;
export type DeclarationLineRow = Selectable<DeclarationLineTable>;
