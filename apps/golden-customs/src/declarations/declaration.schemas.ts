import type { Decimal } from '@egov/standards';
import { z } from 'zod';
import { type Currency, lookupCurrency } from '../currency/iso4217.ts';
import { formatDecimal, toMinor } from '../shared/decimal.ts';
import { creditCodeInput, decimalInput, refuse, textInput } from '../shared/inputs.ts';
import { lookupCommodity, type TariffLine } from '../tariff/tariff.ts';
import { type Incoterm, incoterms } from '../valuation/valuation.rules.ts';

/*
 * The declaration as submitted. Every refusal names the field
 * (`lines.0.commodityCode`) and the rule (`unknown_commodity`), and is
 * decided here, before anything is written.
 */

/**
 * An ISO 4217 code of legal tender. Rules: `iso4217` (not an active code:
 * `'ABC'`, `'usd'`, withdrawn `'HRK'`), `not_a_currency` (a fund, metal,
 * unit of account or test code such as `'XAU'`).
 *
 * @example
 * currencyInput.parse('JPY').minorUnits // 0
 */
export const currencyInput = z.string().transform((code, ctx): Currency => {
  const found = lookupCurrency(code);
  if (!found) return refuse(ctx, 'iso4217', `"${code}" is not an active ISO 4217 currency code`);
  if (found.kind !== 'currency' || found.minorUnits === null) {
    return refuse(ctx, 'not_a_currency', `${code} (${found.name}) is not a currency goods are invoiced in`);
  }
  return found;
});

/**
 * A 10-digit commodity code of the tariff. Rules: `format`, `unknown_commodity`.
 *
 * @example
 * commodityCodeInput.parse('2204210000').vat // '0.13'
 */
export const commodityCodeInput = z.string().transform((code, ctx): TariffLine => {
  if (!/^\d{10}$/.test(code)) return refuse(ctx, 'format', `commodity code must be 10 digits, got "${code}"`);
  const line = lookupCommodity(code);
  if (!line) return refuse(ctx, 'unknown_commodity', `${code} is not a commodity code of the tariff`);
  return line;
});

/**
 * The largest quantity of one line, in the commodity's legal unit: 10^13
 * (10 billion tonnes in kg), ten times China's iron-ore imports of a whole
 * year (1.18 billion tonnes in 2023, General Administration of Customs).
 */
export const MAX_QUANTITY = 10_000_000_000_000n;

/**
 * The largest price, freight or insurance in minor units of any currency:
 * 10^17, within the `bigint` columns and beyond any real invoice. The real
 * bound is on the line's customs value in fen (`AMOUNT_BOUNDS_FEN.customsLineValue`),
 * checked once it is converted; this one only keeps absurd figures out early.
 */
const MAX_MINOR = 100_000_000_000_000_000n;

/**
 * A positive quantity, as a decimal string or a number. Rules: `decimal`,
 * `negative`, `too_many_decimals`, `positive`, `max_quantity` (above {@link MAX_QUANTITY}).
 */
export const quantityInput = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    // A number that large prints with an exponent ('1e+40'): say why it is refused, not that it is no decimal.
    if (typeof value === 'number' && value > Number(MAX_QUANTITY)) {
      return refuse(ctx, 'max_quantity', `quantity ${value} is above ${MAX_QUANTITY}`);
    }
    return String(value);
  })
  .pipe(decimalInput({ maxScale: 5, positive: true, max: { value: MAX_QUANTITY, rule: 'max_quantity' } }));

export interface DeclaredLine {
  commodity: TariffLine;
  description: string;
  quantity: Decimal;
  unit: string;
  currency: Currency;
  incoterm: Incoterm;
  /** The price under the incoterm, in minor units of the currency. */
  valueMinor: bigint;
  freightMinor: bigint | null;
  insuranceMinor: bigint | null;
  cccCertificateNo: string | null;
}

const LineShape = z.strictObject({
  commodityCode: commodityCodeInput,
  description: textInput(200),
  quantity: quantityInput,
  /** The commodity's legal unit (`kg`, `L`, `unit`, `piece`, `vehicle`, `vessel`). */
  unit: z.string(),
  /** The price as a decimal string in the currency (`'12000.00'`); or `valueMinor`. */
  value: z.string().optional(),
  /** The price as an integer of the currency's minor units (cents, yen); or `value`. */
  valueMinor: z.number().optional(),
  currency: currencyInput,
  incoterm: z.enum(incoterms),
  freight: z.string().optional(),
  insurance: z.string().optional(),
  /** The CCC certificate (强制性产品认证证书) number, for commodities that need one. */
  cccCertificateNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{8,32}$/, 'certificate number must be 8 to 32 letters, digits or hyphens')
    .optional(),
});

/** One line; checks that need the currency or the tariff line run after its fields parsed. */
export const LineInput = LineShape.transform((line, ctx): DeclaredLine => {
  const minor = line.currency.minorUnits ?? 0;
  const tooLarge = (field: 'value' | 'freight' | 'insurance') => {
    refuse(ctx, 'max_amount', `${field} is above any real price (at most ${MAX_MINOR} minor units)`, [field]);
    return -1n;
  };
  const amount = (field: 'value' | 'freight' | 'insurance', text: string): bigint => {
    if (text.trim().length > 40) return tooLarge(field);
    const parsed = toMinor(text.trim(), minor);
    if (parsed.ok) return parsed.value > MAX_MINOR ? tooLarge(field) : parsed.value;
    refuse(ctx, parsed.rule, `${field}: ${parsed.message}`, [field]);
    return -1n;
  };
  let valueMinor = -1n;
  if (line.value !== undefined && line.valueMinor !== undefined) {
    refuse(ctx, 'one_of', 'give value or valueMinor, not both', ['valueMinor']);
  } else if (line.value !== undefined) {
    valueMinor = amount('value', line.value);
  } else if (line.valueMinor !== undefined) {
    const n = line.valueMinor;
    if (!Number.isSafeInteger(n))
      refuse(ctx, 'integer', `valueMinor must be a whole number, got ${n}`, ['valueMinor']);
    else if (n < 0) refuse(ctx, 'negative', `valueMinor ${n} is negative`, ['valueMinor']);
    else valueMinor = BigInt(n);
  } else {
    refuse(ctx, 'required', 'value or valueMinor is required', ['value']);
  }
  if (valueMinor === 0n) refuse(ctx, 'positive', 'the value must be above zero', ['value']);
  const freightMinor = line.freight === undefined ? null : amount('freight', line.freight);
  const insuranceMinor = line.insurance === undefined ? null : amount('insurance', line.insurance);
  if (line.incoterm === 'FOB' && line.freight === undefined) {
    refuse(ctx, 'required', 'an FOB price needs the freight to the Chinese port', ['freight']);
  }
  if (line.incoterm !== 'FOB' && line.freight !== undefined) {
    refuse(ctx, 'not_applicable', `a ${line.incoterm} price already includes freight`, ['freight']);
  }
  if (line.incoterm === 'CIF' && line.insurance !== undefined) {
    refuse(ctx, 'not_applicable', 'a CIF price already includes insurance', ['insurance']);
  }
  if (line.unit !== line.commodityCode.unit) {
    refuse(
      ctx,
      'legal_unit',
      `${line.commodityCode.code} is declared in ${line.commodityCode.unit}, not "${line.unit}"`,
      ['unit'],
    );
  }
  if (ctx.issues.length > 0 || valueMinor <= 0n) return z.NEVER;
  return {
    commodity: line.commodityCode,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    currency: line.currency,
    incoterm: line.incoterm,
    valueMinor,
    freightMinor,
    insuranceMinor,
    cccCertificateNo: line.cccCertificateNo ?? null,
  };
});

/** A rate the declarant states: `cny` yuan for `per` (1 or 100) units of `currency`. */
export const StatedRateInput = z
  .strictObject({
    currency: currencyInput,
    cny: decimalInput({ maxScale: 6, positive: true }),
    per: z.union([z.literal(1), z.literal(100)]).default(1),
  })
  .transform((r) => ({ currency: r.currency.code, cny: formatDecimal(r.cny), per: r.per }));

export type StatedRate = z.output<typeof StatedRateInput>;

export const SubmitDeclarationInput = z
  .strictObject({
    importerCreditCode: creditCodeInput,
    /** The declarant's own reference; a second declaration with it is refused. */
    declarantReference: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,32}$/, 'reference must be 1 to 32 letters, digits or hyphens')
      .optional(),
    lines: z.array(LineInput).min(1).max(50),
    /** Rates stated on the declaration; currencies without one convert at the monthly customs rate. */
    exchangeRates: z.array(StatedRateInput).max(20).optional(),
  })
  .transform((declaration, ctx) => {
    // Zod runs this even after a non-aborting issue inside a line (an unknown field), with that line missing.
    if (ctx.issues.length > 0 || declaration.lines.some((line) => !line)) return z.NEVER;
    const used = new Set(declaration.lines.map((l) => l.currency.code));
    const seen = new Set<string>();
    (declaration.exchangeRates ?? []).forEach((rate, i) => {
      const path = ['exchangeRates', i, 'currency'];
      if (rate.currency === 'CNY') refuse(ctx, 'not_applicable', 'yuan need no exchange rate', path);
      else if (seen.has(rate.currency)) refuse(ctx, 'duplicate', `${rate.currency} is stated twice`, path);
      else if (!used.has(rate.currency)) refuse(ctx, 'unused', `no line is in ${rate.currency}`, path);
      seen.add(rate.currency);
    });
    if (ctx.issues.length > 0) return z.NEVER;
    return { ...declaration, exchangeRates: declaration.exchangeRates ?? [] };
  });

export type SubmitDeclaration = z.output<typeof SubmitDeclarationInput>;

/** A decimal string as the JSON API shows quantities: its canonical text. */
export function quantityText(quantity: Decimal): string {
  return formatDecimal(quantity);
}
