import { parseDecimal } from '@egov/standards';
import { z } from 'zod';
import shipped from './tariff.json' with { type: 'json' };

/** Legal units of quantity (法定计量单位) the subset uses; a line is declared in its commodity's unit. */
export const legalUnits = ['kg', 'L', 'unit', 'piece', 'vehicle', 'vessel'] as const;
export type LegalUnit = (typeof legalUnits)[number];

/** A rate as the tariff prints it: a plain decimal fraction in [0, 1), e.g. `'0.13'`. */
const rate = z.string().refine((text) => {
  const d = parseDecimal(text);
  return d !== undefined && d.digits >= 0n && d.digits < 10n ** BigInt(d.scale);
}, 'a rate must be a decimal fraction in [0, 1)');

const TariffLineData = z.strictObject({
  code: z.string().regex(/^\d{10}$/),
  description: z.string().min(1),
  descriptionZh: z.string().min(1),
  unit: z.enum(legalUnits),
  mfnDuty: rate,
  consumptionTax: rate,
  vat: rate,
  ccc: z.boolean(),
  R: z.literal(true).optional(),
  note: z.string().optional(),
});

const TariffData = z.object({
  validFrom: z.iso.date(),
  lines: z.array(TariffLineData).min(1),
});

/** One commodity line of the tariff, with its rates as exact decimal strings. */
export interface TariffLine {
  code: string;
  description: string;
  descriptionZh: string;
  unit: LegalUnit;
  /** MFN duty rate, e.g. `'0.14'`. */
  mfnDuty: string;
  /** Ad valorem import consumption tax rate; `'0'` for most goods. */
  consumptionTax: string;
  /** Import VAT rate: `'0.13'` or `'0.09'`. */
  vat: string;
  /** The goods need a CCC certificate (强制性产品认证) to be imported. */
  ccc: boolean;
  /** (R): a figure on this line is from memory and least certain. */
  fromMemory: boolean;
  note: string | null;
}

/** The tariff edition: dated, so a corrected edition can be added beside it rather than over it. */
export interface Tariff {
  validFrom: string;
  lines: ReadonlyMap<string, TariffLine>;
}

/**
 * Checks tariff data and indexes it by code. Bad data (a typo in a rate, a
 * duplicated code) fails loudly at start-up, not at a declaration.
 *
 * @example
 * const tariff = loadTariff(JSON.parse(text));
 */
export function loadTariff(data: unknown): Tariff {
  const parsed = TariffData.parse(data);
  const lines = new Map<string, TariffLine>();
  for (const { R, note, ...line } of parsed.lines) {
    if (lines.has(line.code)) throw new Error(`tariff line ${line.code} appears twice`);
    lines.set(line.code, { ...line, fromMemory: R === true, note: note ?? null });
  }
  return { validFrom: parsed.validFrom, lines };
}

/** The edition shipped with the app (`tariff.json`). */
export const tariff: Tariff = loadTariff(shipped);

/**
 * The tariff line of a 10-digit commodity code, or undefined.
 *
 * @example
 * lookupCommodity('2204210000')?.consumptionTax // '0.10' (wine)
 */
export function lookupCommodity(code: string): TariffLine | undefined {
  return tariff.lines.get(code);
}
