import { type Fen, fen } from '@egov/standards';
import { type ColumnType, type RawBuilder, sql } from 'kysely';

/**
 * A `bigint` money column in fen. pg returns int8 as a string, PGlite as a
 * number; read it through {@link toFen}.
 */
export type FenColumn = ColumnType<string | number | bigint, number, number>;

/** A `bigint` column of integer minor units of some currency (yen, cents, fils). */
export type MinorColumn = ColumnType<string | number | bigint, string, string>;

/** A `timestamptz` column written once. */
export type InstantColumn = ColumnType<Date, Date, never>;

/**
 * A fen amount as the drivers return it, checked back into a safe-integer {@link Fen}.
 *
 * @example
 * toFen('1250000') // 1250000
 */
export function toFen(value: string | number | bigint): Fen {
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new RangeError(`not a fen amount: ${value}`);
  return fen(Number(value));
}

/** A `date` column: written as `YYYY-MM-DD`, read only through {@link isoDate}. */
export type DateColumn = ColumnType<Date | string, string, string>;

/**
 * Selects a `date` column as `YYYY-MM-DD` (pg hands back a `Date` at local
 * midnight, PGlite at UTC midnight; formatting in SQL gives the same string).
 *
 * @example
 * db.selectFrom('declaration_payment').select(isoDate('business_date').as('businessDate'))
 */
export function isoDate<Null extends null = never>(column: string): RawBuilder<string | Null> {
  return sql<string | Null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}
