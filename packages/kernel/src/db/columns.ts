import { type Fen, fen } from '@egov/standards';
import { type ColumnType, type RawBuilder, sql } from 'kysely';

/*
 * Column types and readers every app uses the same way. Drivers disagree on
 * what they hand back (pg gives int8 as a string and `date` as a Date at local
 * midnight), so money and dates are read through these, never raw.
 */

/**
 * A `date` column: written as `YYYY-MM-DD`, read only through {@link isoDate},
 * which formats in SQL and so gives the same day in every time zone.
 */
export type DateColumn = ColumnType<Date | string, string, string>;

/** A `bigint` money column in fen, read through {@link toFen}. */
export type FenColumn = ColumnType<string | number | bigint, number, number>;

/** A `bigint` counter, read through {@link toSafeInteger}. */
export type BigintColumn = ColumnType<string | number | bigint, number, number>;

/** A `timestamptz` column written once (`created_at`, `recorded_at`). */
export type InstantColumn = ColumnType<Date, Date, never>;

/**
 * Selects a `date` column as an ISO `YYYY-MM-DD` string (null stays null).
 *
 * @example
 * db.selectFrom('resident').select(isoDate('resident.birth_date').as('birthDate'))
 * db.selectFrom('resident').select(isoDate<null>('resident.died_on').as('diedOn'))
 */
export function isoDate<Null extends null = never>(column: string): RawBuilder<string | Null> {
  return sql<string | Null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}

/**
 * An integer as the drivers return it (int8 or numeric: a string, number or
 * bigint), checked to be a safe integer. Null is refused, not read as zero: a
 * missing row is the caller's to decide (`row?.n ?? 0`), and an empty sum is
 * written {@link sumFen}, which is never null.
 *
 * @example
 * toSafeInteger('1250000') // 1250000
 * toSafeInteger('1.5')     // throws RangeError
 */
export function toSafeInteger(value: string | number | bigint): number {
  if (value === null || value === undefined) throw new RangeError('not an integer: null');
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new RangeError(`not an integer: ${value}`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${value}`);
  return n;
}

/**
 * A fen amount read from the database, checked back into a safe-integer {@link Fen}; null is refused.
 *
 * @example
 * toFen('1250000') // 1250000 (12,500.00 yuan)
 */
export function toFen(value: string | number | bigint): Fen {
  return fen(toSafeInteger(value));
}

/**
 * `sum(column)` that reads as 0 over no rows. It is `numeric` in SQL and may
 * pass 2^53 over many rows: read a total with `fenTotal` (`@egov/standards`),
 * a sum known to be small with {@link toFen}.
 *
 * @example
 * db.selectFrom('receipt').select(sumFen('amount').as('total'))
 */
export function sumFen(column: string): RawBuilder<string | number> {
  return sql<string | number>`coalesce(sum(${sql.ref(column)}), 0)`;
}
