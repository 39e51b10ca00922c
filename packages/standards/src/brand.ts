declare const brandTag: unique symbol;

/**
 * Nominal ("branded") type: a `Brand<string, 'ResidentId'>` is still a string at runtime, but
 * the compiler only lets you obtain one through a validating function, so an unchecked string
 * cannot flow into code that assumes a checked one.
 *
 * @example
 * type Fen = Brand<number, 'Fen'>;
 * const f = 100 as Fen; // only inside the module that validated it
 */
export type Brand<T, B extends string> = T & { readonly [brandTag]: B };
