import { type RuleFinding, sortFindings, sumFen } from './check.rules.ts';

/** A death as golden-shield records it (catalog resource GS-DTH-0001). */
export interface DeathRecord {
  recordId: string;
  residentId: string;
  /** `YYYY-MM-DD`. */
  deathDate: string;
}

/** One monthly pension payment as social-security's payroll made it (catalog resource SS-PEN-0001). */
export interface PensionPayment {
  paymentId: string;
  residentId: string;
  /** The month the pension is for, `YYYY-MM`. */
  month: string;
  amountFen: number;
  /** `YYYY-MM-DD`. */
  paidOn: string;
}

/**
 * Pension paid after death (养老金死亡后冒领): the basic pension is paid up to
 * and including the month of death and stops from the next month (停发 from
 * 死亡次月, the practice of the social insurance agencies under the Social
 * Insurance Law, art. 17 on survivors' benefits; marked R: the month-of-death
 * convention is administrative practice, not a statute's text). Every payment
 * for a month after the death month is an overpayment to recover. One finding
 * per deceased person, citing the death record and each payment.
 *
 * Pure: the same records in any order give the same findings.
 *
 * @example
 * pensionPaidAfterDeath(
 *   [{ recordId: 'd1', residentId: 'X', deathDate: '2026-03-10' }],
 *   [{ paymentId: 'p4', residentId: 'X', month: '2026-04', amountFen: 350_000, paidOn: '2026-04-05' }],
 * ) // one finding, amountFen '350000', cites ['death:d1', 'pension-payment:p4']
 */
export function pensionPaidAfterDeath(
  deaths: readonly DeathRecord[],
  payments: readonly PensionPayment[],
): RuleFinding[] {
  // A person recorded dead twice (a correction) counts from the earliest date.
  const deathOf = new Map<string, DeathRecord>();
  for (const d of deaths) {
    const known = deathOf.get(d.residentId);
    if (
      !known ||
      d.deathDate < known.deathDate ||
      (d.deathDate === known.deathDate && d.recordId < known.recordId)
    )
      deathOf.set(d.residentId, d);
  }
  const after = new Map<string, PensionPayment[]>();
  for (const p of payments) {
    const death = deathOf.get(p.residentId);
    if (!death || p.month <= death.deathDate.slice(0, 7)) continue;
    after.set(p.residentId, [...(after.get(p.residentId) ?? []), p]);
  }
  const findings: RuleFinding[] = [];
  for (const [residentId, paid] of after) {
    const death = deathOf.get(residentId)!;
    paid.sort((a, b) => a.month.localeCompare(b.month) || a.paymentId.localeCompare(b.paymentId));
    const total = sumFen(paid.map((p) => p.amountFen));
    findings.push({
      rule: 'pension-after-death',
      summary: `pension paid for ${paid.length} month(s) after the death on ${death.deathDate} (${paid[0]!.month} to ${paid.at(-1)!.month})`,
      amountFen: String(total),
      cites: [`death:${death.recordId}`, ...paid.map((p) => `pension-payment:${p.paymentId}`)],
    });
  }
  return sortFindings(findings);
}
