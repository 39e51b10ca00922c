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

/**
 * Selects a `date` column as an ISO `YYYY-MM-DD` string (null stays null).
 *
 * @example
 * db.selectFrom('journal').select(isoDate('journal.business_date').as('businessDate'))
 */
export function isoDate<Null extends null = never>(column: string): RawBuilder<string | Null> {
  return sql<string | Null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/**
 * A fen amount as the drivers return it (int8 or numeric: string, number or
 * bigint) checked back into a safe-integer {@link Fen}; null and undefined
 * (an empty sum) are zero.
 *
 * @example
 * toFen('1250000') // 1250000
 */
export function toFen(value: string | number | bigint | null | undefined): Fen {
  if (value === null || value === undefined) return fen(0);
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new RangeError(`not a fen amount: ${value}`);
  return fen(Number(value));
}

/** `sum(amount)` that reads as 0 over no rows: `numeric` in SQL, read it with `fenTotal` (it may pass 2^53). */
export function sumFen(column: string): RawBuilder<string | number> {
  return sql<string | number>`coalesce(sum(${sql.ref(column)}), 0)`;
}
