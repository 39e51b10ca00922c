import fc from 'fast-check';
import type { z } from 'zod';

/*
 * fast-check arbitraries derived from zod 4 schemas (zod-fast-check supports zod 3 only): values a
 * schema is meant to accept, as far as its structure says (types, lengths, bounds, patterns,
 * formats, enums, literals, optional keys). Refinements (a check digit) are not known here, so some
 * "valid" values are still refused; that is fine for a fuzzer, whose rule is only that every
 * answer is 2xx or 4xx.
 */

type Schema = z.core.$ZodType;
// zod's definitions are a union of ~40 shapes; read loosely, by `type`.
type Def = any;

const defOf = (schema: Schema): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Printable text with no character the kernel's text policy refuses: ASCII letters, digits, CJK, spaces. */
const safeChar = fc.oneof(
  fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -'),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
);

function checksOf(def: Def): Def[] {
  return ((def.checks ?? []) as { _zod: { def: Def } }[]).map((c) => c._zod.def);
}

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = [def, ...checksOf(def)];
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  let pattern: RegExp | undefined;
  let format: string | undefined;
  for (const c of checks) {
    if (c.check === 'min_length') min = Math.max(min, c.minimum);
    if (c.check === 'max_length') max = Math.min(max, c.maximum);
    if (c.check === 'length_equals') min = max = c.length;
    if (c.check === 'string_format') {
      format = c.format;
      if (c.pattern instanceof RegExp) pattern = c.pattern;
    }
  }
  if (format === 'uuid' || format === 'guid') return fc.uuid({ version: 4 });
  if (format === 'email') return fc.emailAddress();
  if (format === 'datetime')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (format === 'date')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (pattern) {
    const clean = new RegExp(pattern.source, pattern.flags.replace('g', ''));
    // The length checks the pattern does not imply, as far as a few tries reach; else the pattern alone.
    const fits = (s: string) => s.length >= min && s.length <= max;
    return fc.stringMatching(clean).map((s) => (fits(s) ? s : s.padEnd(min, s.at(-1) ?? 'a').slice(0, max)));
  }
  return fc.string({ unit: safeChar, minLength: min, maxLength: Math.max(min, Math.min(max, 40)) });
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.check === 'number_format' && /int/.test(c.format)) integer = true;
    if (c.check === 'greater_than')
      min = Math.max(min, c.inclusive ? c.value : c.value + (integer ? 1 : 1e-9));
    if (c.check === 'less_than') max = Math.min(max, c.inclusive ? c.value : c.value - (integer ? 1 : 1e-9));
  }
  // Small values mostly, the bounds sometimes.
  const lo = Math.max(min, -1_000_000);
  const hi = Math.min(max, Math.max(lo, 1_000_000));
  const edges = [min, max].filter((v) => Number.isFinite(v));
  const inner = integer
    ? fc.integer({ min: Math.ceil(Math.max(lo, Number.MIN_SAFE_INTEGER)), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
  return edges.length > 0 ? fc.oneof({ weight: 4, arbitrary: inner }, fc.constantFrom(...edges)) : inner;
}

/**
 * An arbitrary of the values `schema` is built to accept (input side: what a client sends).
 *
 * @example
 * fc.sample(arbitraryOf(z.strictObject({ n: z.number().int().min(1) })), 1) // [{ n: 17 }]
 */
export function arbitraryOf(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const next = (s: Schema) => arbitraryOf(s, depth + 1);
  switch (def.type as string) {
    case 'string':
      return stringArbitrary(def);
    case 'number':
      return numberArbitrary(def);
    case 'bigint':
      return fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(String);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'date':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'array': {
      let min = 0;
      let max = 3;
      for (const c of checksOf(def)) {
        if (c.check === 'min_length') min = Math.max(min, c.minimum);
        if (c.check === 'max_length') max = Math.min(Math.max(max, min), c.maximum);
        if (c.check === 'length_equals') min = max = c.length;
      }
      if (depth > 6) return fc.constant([]);
      return fc.array(next(def.element), {
        minLength: min,
        maxLength: Math.max(min, Math.min(max, min + 3)),
      });
    }
    case 'tuple':
      return fc.tuple(...(def.items as Schema[]).map(next));
    case 'object': {
      const shape = def.shape as Record<string, Schema>;
      const required = Object.keys(shape).filter((k) => !isOptional(shape[k]!));
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, s] of Object.entries(shape)) model[k] = next(s);
      return fc.record(model, { requiredKeys: required });
    }
    case 'record':
      return fc.dictionary(
        next(def.keyType).map(String),
        depth > 6 ? fc.constant(null) : next(def.valueType),
        { maxKeys: 3 },
      );
    case 'union':
      return fc.oneof(...(def.options as Schema[]).map(next));
    case 'intersection':
      return fc
        .tuple(next(def.left), next(def.right))
        .map(([a, b]) => (typeof a === 'object' && a && typeof b === 'object' && b ? { ...a, ...b } : a));
    case 'optional':
      return fc.option(next(def.innerType), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(next(def.innerType), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
      return fc.option(next(def.innerType), { nil: undefined, freq: 4 });
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return next(def.innerType);
    case 'pipe':
      return next(def.in);
    case 'lazy':
      return depth > 6 ? fc.constant(undefined) : next(def.getter());
    default:
      // any, unknown, transform, custom, ...: JSON of any shape.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Whether a key of this schema may be left out of an object. */
export function isOptional(schema: Schema): boolean {
  return (schema as { _zod: { optin?: string } })._zod.optin === 'optional';
}

/** A place in a JSON value: keys and indices from the root. */
export type Path = (string | number)[];

/** Every place of `value` (the root first): objects, arrays and leaves. */
export function placesOf(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...placesOf(v, [...path, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...placesOf(v, [...path, k]));
  return out;
}

/** `value` with the place `path` replaced by `replacement` (or removed when it is `REMOVE`). */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && replacement === REMOVE) delete copy[head as string];
  else copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

export const REMOVE = Symbol('remove');

/** Strings the kernel's text policy must refuse, named by the rule it must give. */
export const hostileStrings: [string, string][] = [
  ['a\u0000b', 'nul'],
  ['\u0000', 'nul'],
  ['name\u0001', 'control_character'],
  ['line\u001bx', 'control_character'],
  ['\u0085', 'control_character'],
  ['abc\u202Eevil', 'bidi_control'],
  ['\u2066x\u2069', 'bidi_control'],
  ['\u200F', 'bidi_control'],
  ['x\uD800', 'lone_surrogate'],
  ['\uDC00y', 'lone_surrogate'],
];

/** Numbers past every bound: beyond 2^53, huge, tiny, fractional, negative. */
export const hostileNumbers = [
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e20,
  1e40,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  5e-324,
  0.5,
  -1,
  -0,
  2 ** 31,
  2 ** 63,
];

/** Values of the wrong type for almost any field. */
export const wrongTypes: unknown[] = [
  null,
  true,
  0,
  '0',
  '',
  [],
  {},
  [null],
  { __proto__: null },
  '1e400',
  'x'.repeat(5_000),
];
