import { type RuleFinding, sortFindings, sumFen } from './check.rules.ts';

/** A customs import-VAT certificate (海关进口增值税专用缴款书), as golden-customs issues it (GC-VAT-0001). */
export interface CustomsCertificate {
  certificateNo: string;
  declarationId: string;
  importerCreditCode: string;
  vatFen: number;
  /** `YYYY-MM-DD`. */
  paidOn: string;
}

/** Import VAT a taxpayer deducted at golden-tax (GT-INP-0001, the `customs` inputs). */
export interface VatDeduction {
  creditCode: string;
  /** The certificate number the deduction names. */
  reference: string;
  declarationId: string | null;
  taxFen: number;
  /** `YYYY-MM`. */
  period: string;
}

/** A deduction's own name in findings: taxpayer, period and certificate together identify it at golden-tax. */
export const deductionId = (d: VatDeduction) => `${d.creditCode}/${d.period}/${d.reference}`;

/**
 * Import VAT deducted at golden-tax without a matching customs certificate,
 * or deducted twice. The VAT Provisional Regulations (增值税暂行条例, 2017
 * text) art. 8(2)(ii) make deductible only the VAT stated on the customs
 * import-VAT certificate: so a deduction must name a certificate customs
 * issued, to the same importer, for no more than its amount; and one
 * certificate is deducted once (the first in period order stands, every later
 * one is a finding).
 *
 * @example
 * importVatMismatches(
 *   [{ certificateNo: 'C1', declarationId: 'D1', importerCreditCode: 'A', vatFen: 100, paidOn: '2026-03-01' }],
 *   [{ creditCode: 'A', reference: 'C1', declarationId: 'D1', taxFen: 100, period: '2026-03' },
 *    { creditCode: 'A', reference: 'C1', declarationId: 'D1', taxFen: 100, period: '2026-04' }],
 * ) // one finding: import-vat-deducted-twice, cites the certificate and the 2026-04 deduction
 */
export function importVatMismatches(
  certificates: readonly CustomsCertificate[],
  deductions: readonly VatDeduction[],
): RuleFinding[] {
  const certificateOf = new Map(certificates.map((c) => [c.certificateNo, c]));
  const findings: RuleFinding[] = [];
  const matched = new Map<string, VatDeduction[]>();
  for (const d of deductions) {
    const c = certificateOf.get(d.reference);
    const why = !c
      ? `names certificate ${d.reference}, which customs never issued`
      : c.importerCreditCode !== d.creditCode
        ? `names certificate ${d.reference}, issued to importer ${c.importerCreditCode}, not to ${d.creditCode}`
        : d.taxFen > c.vatFen
          ? `deducts ${d.taxFen} fen on certificate ${d.reference}, which states ${c.vatFen} fen`
          : undefined;
    if (why) {
      findings.push({
        rule: 'import-vat-without-certificate',
        summary: `import VAT deduction of ${d.creditCode} in ${d.period} ${why}`,
        amountFen: String(c && c.importerCreditCode === d.creditCode ? d.taxFen - c.vatFen : d.taxFen),
        cites: [`vat-deduction:${deductionId(d)}`, ...(c ? [`vat-certificate:${c.certificateNo}`] : [])],
      });
      continue;
    }
    matched.set(d.reference, [...(matched.get(d.reference) ?? []), d]);
  }
  for (const [certificateNo, list] of matched) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.period.localeCompare(b.period) || deductionId(a).localeCompare(deductionId(b)));
    const repeats = list.slice(1);
    findings.push({
      rule: 'import-vat-deducted-twice',
      summary: `certificate ${certificateNo} deducted ${list.length} times (first in ${list[0]!.period})`,
      amountFen: String(sumFen(repeats.map((d) => d.taxFen))),
      cites: [`vat-certificate:${certificateNo}`, ...repeats.map((d) => `vat-deduction:${deductionId(d)}`)],
    });
  }
  return sortFindings(findings);
}
