import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { summarise } from '../errors/format.ts';

/*
 * The kernel's one text policy, applied to every string of every procedure's
 * input (object keys included) before zod sees it, public procedures and
 * `auth.login` alike, so no app opts in and none can forget:
 *
 * - refused, naming the field and the rule: NUL (`nul`), C0 controls, DEL and
 *   C1 controls (`control_character`; tab, line feed and carriage return only
 *   in a field declared multiline), bidirectional controls (`bidi_control`:
 *   U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, the "Trojan Source"
 *   characters of CVE-2021-42574) and unpaired UTF-16 surrogates
 *   (`lone_surrogate`, not Unicode scalar values, so not storable as UTF-8);
 * - then normalised to NFC (Unicode UAX #15), so what is validated, compared
 *   and stored is one spelling of the text: `é` typed as e + U+0301 is the
 *   same name as the precomposed `é`.
 *
 * PostgreSQL refuses NUL in `text` (it answered 500); the others were stored
 * verbatim and could reorder what an official reads on screen.
 */

/** The `.meta()` flag a field sets to admit tab and line breaks; {@link text} sets it for you. */
export const MULTILINE_META = 'multiline';

/**
 * A string field under the kernel's text policy, optionally multiline (tab,
 * LF, CR admitted). Every string is under the policy anyway; this helper is
 * only needed to admit line breaks, or for the trim, min and max in one call.
 *
 * @example
 * const Note = z.strictObject({ title: text({ max: 200 }), body: text({ multiline: true, max: 4000 }) });
 */
export function text(options: { multiline?: boolean; min?: number; max?: number; trim?: boolean } = {}) {
  let schema = z.string();
  if (options.trim ?? true) schema = schema.trim();
  if (options.min !== undefined) schema = schema.min(options.min);
  if (options.max !== undefined) schema = schema.max(options.max);
  return options.multiline ? schema.meta({ [MULTILINE_META]: true }) : schema;
}

export type TextRule = 'nul' | 'control_character' | 'bidi_control' | 'lone_surrogate';

/** Any character the policy may refuse, or a surrogate (checked for pairing); a fast path for clean text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUSPECT = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;
const NON_ASCII = /[^\x20-\x7E]/;

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** The first character of `value` the policy refuses, or undefined. */
export function textViolation(
  value: string,
  multiline: boolean,
): { rule: TextRule; message: string } | undefined {
  if (!SUSPECT.test(value)) return undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0) return { rule: 'nul', message: `contains a NUL character (U+0000) at position ${i}` };
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      const where = multiline ? '' : ' (tab and line breaks only in multiline fields)';
      return {
        rule: 'control_character',
        message: `contains control character ${hex(c)} at position ${i}${where}`,
      };
    }
    if (
      c === 0x061c ||
      c === 0x200e ||
      c === 0x200f ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      return { rule: 'bidi_control', message: `contains bidirectional control ${hex(c)} at position ${i}` };
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return { rule: 'lone_surrogate', message: `contains an unpaired surrogate ${hex(c)} at position ${i}` };
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      return { rule: 'lone_surrogate', message: `contains an unpaired surrogate ${hex(c)} at position ${i}` };
    }
  }
  return undefined;
}

type Schema = z.core.$ZodType;

function defOf(schema: Schema): any {
  return (schema as { _zod: { def: unknown } })._zod.def;
}

function isMultiline(schema: Schema): boolean {
  return (
    (z.globalRegistry.get(schema as z.ZodType) as Record<string, unknown> | undefined)?.[MULTILINE_META] ===
    true
  );
}

/**
 * The schemas a value at this place may be checked by, wrappers (optional,
 * default, pipe, lazy, ...) and unions opened; `multiline` when any of them,
 * wrappers included, is flagged.
 */
function open(schemas: readonly Schema[]): { bases: Schema[]; multiline: boolean } {
  const bases: Schema[] = [];
  let multiline = false;
  const todo = [...schemas];
  const seen = new Set<Schema>();
  while (todo.length > 0) {
    const s = todo.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (isMultiline(s)) multiline = true;
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
      case 'success':
        todo.push(def.innerType);
        break;
      case 'pipe':
        todo.push(def.in);
        break;
      case 'lazy':
        todo.push(def.getter());
        break;
      case 'union':
        todo.push(...def.options);
        break;
      case 'intersection':
        todo.push(def.left, def.right);
        break;
      default:
        bases.push(s);
    }
  }
  return { bases, multiline };
}

function child(bases: readonly Schema[], key: string | number): Schema[] {
  const out: Schema[] = [];
  for (const s of bases) {
    const def = defOf(s);
    if (def.type === 'object') {
      const field = typeof key === 'string' ? def.shape[key] : undefined;
      if (field) out.push(field);
      else if (def.catchall) out.push(def.catchall);
    } else if (def.type === 'array') out.push(def.element);
    else if (def.type === 'record') out.push(def.valueType);
    else if (def.type === 'tuple') {
      const item = typeof key === 'number' ? def.items[key] : undefined;
      if (item) out.push(item);
      else if (def.rest) out.push(def.rest);
    }
  }
  return out;
}

interface Issue {
  path: (string | number)[];
  rule: TextRule;
  message: string;
}

/** A ZodError as the input parsers raise it (one built with `new` is not an `Error`, and tRPC would hide it). */
function zodErrorOf(issues: readonly Issue[]): z.ZodError {
  const refusal = z.unknown().superRefine((_, ctx) => {
    for (const i of issues)
      ctx.addIssue({ code: 'custom', path: i.path, message: i.message, params: { rule: i.rule } });
  });
  return refusal.safeParse(undefined).error!;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function normalise(value: string): string {
  return NON_ASCII.test(value) ? value.normalize('NFC') : value;
}

/**
 * Applies the text policy to a raw input: returns it with every string (and
 * key) normalised to NFC, or throws `BAD_REQUEST` whose issues name each
 * refused field (`payee.name`) and rule. `schemas` are the procedure's input
 * schemas; they only tell which fields are multiline (unknown: none is).
 * Walks iteratively, so no input is too deep for it.
 *
 * @example
 * applyTextPolicy({ name: 'Ame\u0301lie' }, [Input]) // { name: 'Amélie' }
 * applyTextPolicy({ name: 'a\u0000' }, [Input])      // throws: name: contains a NUL character … (nul)
 */
export function applyTextPolicy(input: unknown, schemas: readonly Schema[] = []): unknown {
  const issues: Issue[] = [];
  const root = { value: input };
  // Paths as parent links, spelt out only for an issue: copying them per level would be quadratic in depth.
  type Path = { parent: Path; key: string | number } | null;
  type Frame = { holder: any; key: string | number; path: Path; schemas: readonly Schema[] };
  const spell = (path: Path): (string | number)[] => {
    const out: (string | number)[] = [];
    for (let p = path; p; p = p.parent) out.push(p.key);
    return out.reverse();
  };
  const stack: Frame[] = [{ holder: root, key: 'value', path: null, schemas }];
  while (stack.length > 0) {
    const { holder, key, path, schemas: here } = stack.pop()!;
    const value = holder[key];
    if (typeof value === 'string') {
      const { multiline } = open(here);
      const violation = textViolation(value, multiline);
      if (violation) issues.push({ path: spell(path), ...violation });
      else holder[key] = normalise(value);
    } else if (Array.isArray(value)) {
      const copy = value.slice();
      holder[key] = copy;
      const { bases } = open(here);
      for (let i = 0; i < copy.length; i++) {
        stack.push({ holder: copy, key: i, path: { parent: path, key: i }, schemas: child(bases, i) });
      }
    } else if (isPlainObject(value)) {
      const copy: Record<string, unknown> = {};
      const { bases } = open(here);
      for (const [k, v] of Object.entries(value)) {
        const violation = textViolation(k, false);
        if (violation) {
          issues.push({
            path: spell({ parent: path, key: k }),
            rule: violation.rule,
            message: `field name ${violation.message}`,
          });
          continue;
        }
        const name = normalise(k);
        copy[name] = v;
        stack.push({ holder: copy, key: name, path: { parent: path, key: name }, schemas: child(bases, k) });
      }
      holder[key] = copy;
    }
  }
  if (issues.length > 0) {
    issues.sort((a, b) => (a.path.join('.') < b.path.join('.') ? -1 : 1));
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: summarise(issues.map((i) => ({ ...i, path: i.path.join('.') || '(input)' }))),
      cause: zodErrorOf(issues),
    });
  }
  return root.value;
}
