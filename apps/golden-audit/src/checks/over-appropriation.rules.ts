import { type RuleFinding, sortFindings, sumFen } from './check.rules.ts';

/** An appropriation (预算指标) as golden-finance serves it (catalog resource GF-APR-0001). */
export interface AppropriationRecord {
  id: string;
  budgetUnit: string;
  fiscalYear: number;
  economicClass: string;
  allocatedFen: number;
}

/** A payment request against an appropriation (catalog resource GF-PAY-0001). */
export interface PaymentRecord {
  id: string;
  appropriationId: string;
  amountFen: number;
  status: 'requested' | 'approved' | 'rejected' | 'executed';
  /** When it was requested (ISO 8601): payments are charged in this order. */
  requestedAt: string;
}

/**
 * A payment over its appropriation: the Budget Law (预算法, 2018 text) art. 13
 * — no spending outside the approved budget (未列入预算的不得支出) — so the
 * payments charged to an appropriation (every one not rejected) may not
 * exceed what was allocated. Charged in request order; the finding cites the
 * appropriation and every payment from the one that crossed the line onward,
 * with the excess as its amount. A payment naming an appropriation that does
 * not exist is a finding of its own.
 *
 * @example
 * paymentsOverAppropriation(
 *   [{ id: 'a1', budgetUnit: '201001', fiscalYear: 2026, economicClass: '302', allocatedFen: 100 }],
 *   [{ id: 'p1', appropriationId: 'a1', amountFen: 80, status: 'executed', requestedAt: '2026-01-02T00:00:00Z' },
 *    { id: 'p2', appropriationId: 'a1', amountFen: 30, status: 'approved', requestedAt: '2026-01-03T00:00:00Z' }],
 * ) // one finding: amountFen '10', cites ['appropriation:a1', 'payment:p2']
 */
export function paymentsOverAppropriation(
  appropriations: readonly AppropriationRecord[],
  payments: readonly PaymentRecord[],
): RuleFinding[] {
  const byId = new Map(appropriations.map((a) => [a.id, a]));
  const charged = new Map<string, PaymentRecord[]>();
  const findings: RuleFinding[] = [];
  for (const p of payments) {
    if (p.status === 'rejected') continue;
    if (!byId.has(p.appropriationId)) {
      findings.push({
        rule: 'payment-without-appropriation',
        summary: `payment of ${p.amountFen} fen against appropriation ${p.appropriationId}, which does not exist`,
        amountFen: String(p.amountFen),
        cites: [`payment:${p.id}`],
      });
      continue;
    }
    charged.set(p.appropriationId, [...(charged.get(p.appropriationId) ?? []), p]);
  }
  for (const [id, list] of charged) {
    const appropriation = byId.get(id)!;
    list.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
    const allocated = BigInt(appropriation.allocatedFen);
    let running = 0n;
    let crossed = -1;
    list.forEach((p, i) => {
      running += BigInt(p.amountFen);
      if (crossed < 0 && running > allocated) crossed = i;
    });
    if (crossed < 0) continue;
    const excess = sumFen(list.map((p) => p.amountFen)) - allocated;
    findings.push({
      rule: 'payment-over-appropriation',
      summary: `payments charged to appropriation ${id} (budget unit ${appropriation.budgetUnit}, ${appropriation.fiscalYear}, class ${appropriation.economicClass}) exceed its ${appropriation.allocatedFen} fen by ${excess} fen`,
      amountFen: String(excess),
      cites: [`appropriation:${id}`, ...list.slice(crossed).map((p) => `payment:${p.id}`)],
    });
  }
  return sortFindings(findings);
}
