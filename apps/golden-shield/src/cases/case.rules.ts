/**
 * Case numbers: `AML-<year the case was opened (China time)>-<serial, at least 6 digits>`.
 *
 * @example
 * caseNo(new Date('2026-12-03T10:00:00Z'), 42) // 'AML-2026-000042'
 */
export function caseNo(openedAt: Date, serial: number): string {
  const year = new Date(openedAt.getTime() + 8 * 3600_000).getUTCFullYear();
  return `AML-${year}-${String(serial).padStart(6, '0')}`;
}

/** The serial of a case number, or undefined for a text that is none. */
export function parseCaseNo(no: string): number | undefined {
  const m = /^AML-\d{4}-(\d{6,12})$/.exec(no);
  return m ? Number(m[1]) : undefined;
}
