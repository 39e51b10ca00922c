import { DomainError } from '@egov/kernel/errors';
import { AMOUNT_BOUNDS_FEN, chinaDate, formatYuan, ratio } from '@egov/standards';
import { sql } from 'kysely';
import { cnyPerUnit, customsRate, type ExchangeRate } from '../currency/exchange.rules.ts';
import type { GoldenCustomsDb } from '../database.ts';
import { assignLane } from '../risk/rules.ts';
import { formatDecimal, formatMinor, minorRatio } from '../shared/decimal.ts';
import type { Recorder } from '@egov/kernel/trpc';
import {
  assessLine,
  cifPrice,
  customsValueExact,
  customsValueFen,
  totals,
} from '../valuation/valuation.rules.ts';
import type { DeclaredLine, StatedRate, SubmitDeclaration } from './declaration.schemas.ts';
import {
  type Declaration,
  type DeclarationLine,
  findByReference,
  getDeclaration,
} from './declaration-read.service.ts';
import { DECLARING_OFFICE, declarationNumber, MAX_SERIAL } from './numbering.rules.ts';

/**
 * The rate a line converts at: the declarant's, else the customs rate of the
 * month of `day`; yuan at 1. None at all is a 400 naming the line's currency.
 */
function rateFor(
  line: DeclaredLine,
  index: number,
  stated: readonly StatedRate[],
  day: string,
): ExchangeRate {
  const code = line.currency.code;
  if (code === 'CNY') return { currency: code, cny: '1', per: 1, source: 'customs', month: null };
  const given = stated.find((r) => r.currency === code);
  if (given) return { ...given, source: 'declared', month: null };
  const monthly = customsRate(code, day);
  if (monthly) return monthly;
  throw new DomainError(
    'INVALID',
    `no customs exchange rate for ${code} in ${day.slice(0, 7)}: state the rate on the declaration`,
    { field: `lines.${index}.currency`, rule: 'no_exchange_rate' },
  );
}

/** Values and assesses one line: CIF in the currency, customs value in fen, then the three taxes. */
export function valueLine(line: DeclaredLine, lineNo: number, rate: ExchangeRate): DeclarationLine {
  const minor = line.currency.minorUnits ?? 0;
  const { cif, insuranceDerived } = cifPrice({
    incoterm: line.incoterm,
    value: minorRatio(line.valueMinor, minor),
    freight: line.freightMinor === null ? null : minorRatio(line.freightMinor, minor),
    insurance: line.insuranceMinor === null ? null : minorRatio(line.insuranceMinor, minor),
  });
  const rateRatio = cnyPerUnit(rate);
  const exact = customsValueExact(cif, rateRatio);
  if (exact > BigInt(AMOUNT_BOUNDS_FEN.customsLineValue)) {
    throw new DomainError(
      'INVALID',
      `line ${lineNo}: customs value ${formatYuan(exact)} yuan is above the bound of ${formatYuan(AMOUNT_BOUNDS_FEN.customsLineValue)} yuan for one line`,
      { field: `lines.${lineNo - 1}.value`, rule: 'max_amount' },
    );
  }
  const value = customsValueFen(cif, rateRatio);
  const { commodity } = line;
  const taxes = assessLine(value, {
    duty: commodity.mfnDuty,
    consumption: commodity.consumptionTax,
    vat: commodity.vat,
  });
  return {
    lineNo,
    commodityCode: commodity.code,
    description: line.description,
    quantity: formatDecimal(line.quantity),
    unit: line.unit,
    currency: line.currency.code,
    incoterm: line.incoterm,
    value: formatMinor(line.valueMinor, minor),
    freight: line.freightMinor === null ? null : formatMinor(line.freightMinor, minor),
    insurance: line.insuranceMinor === null ? null : formatMinor(line.insuranceMinor, minor),
    insuranceDerived,
    exchangeRate: { cny: rate.cny, per: rate.per, source: rate.source, month: rate.month },
    customsValueFen: value,
    dutyRate: commodity.mfnDuty,
    consumptionTaxRate: commodity.consumptionTax,
    vatRate: commodity.vat,
    ...taxes,
    cccRequired: commodity.ccc,
    cccCertificateNo: line.cccCertificateNo,
  };
}

/**
 * Takes the next serial of (office, year) in one statement: the upsert
 * creates or bumps the counter under its row lock, so parallel submissions
 * queue on the row and never share a number.
 */
async function allocateNumber(trx: GoldenCustomsDb, year: number): Promise<string> {
  const row = await trx
    .insertInto('declaration_sequence')
    .values({ office: DECLARING_OFFICE, year, last_serial: 1 })
    .onConflict((oc) =>
      oc
        .columns(['office', 'year'])
        .doUpdateSet({ last_serial: sql`declaration_sequence.last_serial + 1` })
        .where(sql<boolean>`declaration_sequence.last_serial < ${MAX_SERIAL}`),
    )
    .returning('last_serial')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `no declaration number left for ${year}`, { rule: 'exhausted' });
  return declarationNumber({ office: DECLARING_OFFICE, year, serial: row.last_serial });
}

/**
 * Submits an import declaration (申报) for an importer registered with
 * customs (报关单位备案; an unregistered one is refused, `not_registered`):
 * converts each line at its rate,
 * values it CIF, assesses duty, consumption tax and VAT, assigns the risk
 * lane, numbers it and stores it. Everything is decided before the first
 * write, so a refusal writes nothing. Run it in a transaction.
 *
 * @example
 * const declaration = await inTransaction(ctx.db, (trx) => submitDeclaration(trx, input, recorderOf(ctx)));
 */
export async function submitDeclaration(
  trx: GoldenCustomsDb,
  input: SubmitDeclaration,
  recorder: Recorder,
): Promise<Declaration> {
  const day = chinaDate(recorder.at);
  if (input.declarantReference) {
    const taken = await findByReference(trx, input.importerCreditCode, input.declarantReference);
    if (taken) {
      throw new DomainError(
        'CONFLICT',
        `reference ${input.declarantReference} is already declaration ${taken.declarationNo}`,
        {
          field: 'declarantReference',
          rule: 'duplicate_reference',
        },
      );
    }
  }
  const lines = input.lines.map((line, i) =>
    valueLine(line, i + 1, rateFor(line, i, input.exchangeRates, day)),
  );
  const importer = await trx
    .selectFrom('importer')
    .select('aeo_class')
    .where('credit_code', '=', input.importerCreditCode)
    .executeTakeFirst();
  if (!importer) {
    throw new DomainError(
      'INVALID',
      `importer ${input.importerCreditCode} is not registered with customs: register it first (importers.register)`,
      { field: 'importerCreditCode', rule: 'not_registered' },
    );
  }
  const earlier = await trx
    .selectFrom('declaration')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('importer_credit_code', '=', input.importerCreditCode)
    .executeTakeFirstOrThrow();
  const { lane, reasons } = assignLane({
    importer: { aeoClass: importer.aeo_class, earlierDeclarations: earlier.n },
    lines: lines.map((l, i) => ({
      lineNo: l.lineNo,
      commodityCode: l.commodityCode,
      unit: l.unit,
      quantity: ratio({
        num: input.lines[i]!.quantity.digits,
        den: 10n ** BigInt(input.lines[i]!.quantity.scale),
      }),
      customsValueFen: l.customsValueFen,
      cccRequired: l.cccRequired,
      cccCertificateNo: l.cccCertificateNo,
    })),
  });
  const sums = totals(lines);
  const declarationNo = await allocateNumber(trx, Number(day.slice(0, 4)));
  const { id } = await trx
    .insertInto('declaration')
    .values({
      declaration_no: declarationNo,
      importer_credit_code: input.importerCreditCode,
      declarant_reference: input.declarantReference ?? null,
      status: 'submitted',
      lane,
      lane_reasons: JSON.stringify(reasons),
      customs_value_fen: sums.customsValueFen,
      duty_fen: sums.dutyFen,
      consumption_tax_fen: sums.consumptionTaxFen,
      vat_fen: sums.vatFen,
      total_fen: sums.totalFen,
      submitted_at: recorder.at,
      submitted_by: recorder.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('declaration_line')
    .values(
      lines.map((l, i) => {
        const declared = input.lines[i]!;
        return {
          declaration_id: id,
          line_no: l.lineNo,
          commodity_code: l.commodityCode,
          description: l.description,
          quantity: l.quantity,
          unit: l.unit,
          currency: l.currency,
          incoterm: l.incoterm,
          value_minor: declared.valueMinor.toString(),
          freight_minor: declared.freightMinor?.toString() ?? null,
          insurance_minor: declared.insuranceMinor?.toString() ?? null,
          insurance_derived: l.insuranceDerived,
          rate_cny: l.exchangeRate.cny,
          rate_per: l.exchangeRate.per,
          rate_source: l.exchangeRate.source,
          rate_month: l.exchangeRate.month,
          customs_value_fen: l.customsValueFen,
          duty_rate: l.dutyRate,
          duty_fen: l.dutyFen,
          consumption_tax_rate: l.consumptionTaxRate,
          consumption_tax_fen: l.consumptionTaxFen,
          vat_rate: l.vatRate,
          vat_fen: l.vatFen,
          ccc_required: l.cccRequired,
          ccc_certificate_no: l.cccCertificateNo,
        };
      }),
    )
    .execute();
  return getDeclaration(trx, id);
}
