import { type ColumnType, type RawBuilder, sql } from 'kysely';

/**
 * A `date` column: written as `YYYY-MM-DD`, read only through {@link isoDate}.
 * Drivers disagree on what they hand back (a `Date` at local midnight from pg,
 * at UTC midnight from PGlite, a string if a parser is swapped), so a raw read
 * can shift the day in some time zones. Formatting in SQL gives the same
 * string on every database. Comparisons take `YYYY-MM-DD` strings.
 */
export type DateColumn = ColumnType<Date | string, string, string>;

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
