import { err, ok, type Result } from '../result.ts';
import { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './table.ts';

export { INDUSTRY_DIVISIONS, INDUSTRY_SECTIONS } from './table.ts';

/** A GB/T 4754-2017 section (门类) or division (大类). */
export interface Industry {
  code: string;
  name: string;
  level: 'section' | 'division';
  /** The section a division belongs to (itself for a section). */
  section: string;
}

/** Which part of an industry code failed. */
export type IndustryCodePart = 'format' | 'unknown' | 'level';

/**
 * Parses a GB/T 4754-2017 section letter (`C`) or two-digit division (`39`). Group (3-digit) and
 * class (4-digit) codes are refused as `level`: only the two upper levels are shipped.
 *
 * @example
 * parseIndustryCode('C')  // { ok: true, value: { code: 'C', name: '制造业', level: 'section', section: 'C' } }
 * parseIndustryCode('39') // { ok: true, value: { code: '39', ..., level: 'division', section: 'C' } }
 * parseIndustryCode('U')  // { ok: false, part: 'unknown', ... }
 */
export function parseIndustryCode(input: string): Result<Industry, IndustryCodePart> {
  if (/^[A-Z]$/.test(input)) {
    const section = INDUSTRY_SECTIONS.find((s) => s.code === input);
    if (!section) return err('unknown', `GB/T 4754-2017 has no section ${input} (A to T)`);
    return ok({ code: input, name: section.name, level: 'section', section: input });
  }
  if (/^\d{2}$/.test(input)) {
    const name = INDUSTRY_DIVISIONS[input];
    if (!name) return err('unknown', `GB/T 4754-2017 has no division ${input} (01 to 97)`);
    return ok({ code: input, name, level: 'division', section: sectionOfDivision(input) });
  }
  if (/^\d{3,4}$/.test(input))
    return err(
      'level',
      `industry ${input}: only sections (A-T) and divisions (01-97) of GB/T 4754-2017 are kept`,
    );
  return err('format', `industry code must be a section letter A-T or a two-digit division, got "${input}"`);
}

/** The section letter of a two-digit division. */
function sectionOfDivision(division: string): string {
  const n = Number(division);
  const section = INDUSTRY_SECTIONS.find((s) => n >= s.divisions[0] && n <= s.divisions[1]);
  if (!section) throw new Error(`division ${division} lies in no section`);
  return section.code;
}

/**
 * Whether `child` is `parent` or lies inside it (a division inside its section).
 *
 * @example
 * industryWithin('39', 'C') // true
 */
export function industryWithin(child: string, parent: string): boolean {
  if (child === parent) return true;
  const parsed = parseIndustryCode(child);
  return parsed.ok && parsed.value.level === 'division' && parsed.value.section === parent;
}
