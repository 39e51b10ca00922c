/*
 * The archive (文书档案) of closed documents.
 * - Retention periods (保管期限): permanent (永久), 30 years (定期30年), 10 years (定期10年), after
 *   机关文件材料归档范围和文书档案保管期限规定 (国家档案局令第8号, 2006), which also counts a period from
 *   1 January of the year after the document was formed.
 * - Archive numbers (档号) after DA/T 22-2015 归档文件整理规则: 全宗号-门类代码·年度-保管期限代码-件号,
 *   e.g. GOSC-WS·2026-Y-0001; 保管期限代码 Y (永久), D30, D10; 件号 four digits, per year and period.
 */

export const RETENTIONS = ['permanent', '30-years', '10-years'] as const;
export type Retention = (typeof RETENTIONS)[number];
const CODE: Record<Retention, string> = { permanent: 'Y', '30-years': 'D30', '10-years': 'D10' };
const YEARS: Record<Retention, number | null> = { permanent: null, '30-years': 30, '10-years': 10 };

/**
 * The fonds code (全宗号) is assigned to the agency by the archives administration: configuration.
 * GOSC stands until the assigned code is configured here.
 */
export const FONDS_CODE = 'GOSC';

/** @example archiveNumber(2026, 'permanent', 1) // 'GOSC-WS·2026-Y-0001' */
export function archiveNumber(year: number, retention: Retention, item: number): string {
  return `${FONDS_CODE}-WS·${year}-${CODE[retention]}-${String(item).padStart(4, '0')}`;
}

/**
 * The last day an item is kept: the period counts from 1 January after the year it was formed; null
 * for permanent.
 *
 * @example keepUntil('2026-05-10', '10-years') // '2036-12-31'
 */
export function keepUntil(formedOn: string, retention: Retention): string | null {
  const years = YEARS[retention];
  if (years === null) return null;
  return `${Number(formedOn.slice(0, 4)) + years}-12-31`;
}
