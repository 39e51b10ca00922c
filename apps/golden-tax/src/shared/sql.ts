import { type Fen, fen } from '@egov/standards';
import { type ColumnType, type RawBuilder, sql } from 'kysely';

/**
 * A `date` column: written as `YYYY-MM-DD`, read only through {@link isoDate}
 * (pg hands back a `Date` at local midnight, PGlite at UTC midnight).
 */
export type DateColumn = ColumnType<Date | string, string, string>;

/**
 * A `bigint` money column in fen. pg returns int8 as a string, PGlite as a
 * number; read it through {@link toFen}.
 */
export type FenColumn = ColumnType<string | number | bigint, number, number>;

/** A `bigint` counter, read through {@link toSafeInteger}. */
export type BigintColumn = ColumnType<string | number | bigint, number, number>;

/**
 * Selects a `date` column as an ISO `YYYY-MM-DD` string (null stays null).
 *
 * @example
 * db.selectFrom('invoice').select(isoDate('invoice.issued_on').as('issuedOn'))
 */
export function isoDate<Null extends null = never>(column: string): RawBuilder<string | Null> {
  return sql<string | Null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/**
 * An integer as the drivers return it (int8 or numeric: string, number or
 * bigint), checked to be a safe integer; null and undefined (an empty sum) are 0.
 *
 * @example
 * toSafeInteger('1250000') // 1250000
 */
export function toSafeInteger(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new RangeError(`not an integer: ${value}`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${value}`);
  return n;
}

/**
 * A fen amount read from the database.
 *
 * @example
 * toFen('1250000') // 1250000
 */
export function toFen(value: string | number | bigint | null | undefined): Fen {
  return fen(toSafeInteger(value));
}

/** `sum(column)` that reads as 0 over no rows. */
export function sumFen(column: string): RawBuilder<string | number> {
  return sql<string | number>`coalesce(sum(${sql.ref(column)}), 0)`;
}
