import { err, ok, type Result } from '@egov/standards';

export interface Team {
  leader: string;
  members: readonly string[];
}

/**
 * Whether the official `username` (null: not an official) is on the project's team:
 * only the team pulls data, runs rules, draws samples and issues findings
 * (审计组, Audit Law art. 38: audits are carried out by the audit team the
 * office sends).
 *
 * @example
 * onTeam({ leader: 'li', members: ['wang'] }, 'wang') // true
 */
export function onTeam(team: Team, username: string | null): boolean {
  return username !== null && (username === team.leader || team.members.includes(username));
}

/**
 * A project's period: from on or before to, at most ten years long (an audit
 * covers a budget year or a term of office, not a history).
 *
 * @example
 * checkPeriod('2026-01-01', '2025-12-31') // { ok: false, part: 'period_order', ... }
 */
export function checkPeriod(
  from: string,
  to: string,
): Result<{ from: string; to: string }, 'period_order' | 'period_length'> {
  if (from > to) return err('period_order', `the period ends (${to}) before it starts (${from})`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10)
    return err('period_length', 'an audit period is at most ten years');
  return ok({ from, to });
}

/**
 * Whether a pull's own period (a year, a month, a date) overlaps the project's period.
 *
 * @example
 * withinPeriod({ from: '2026-01-01', to: '2026-12-31' }, '2026-03') // true
 */
export function withinPeriod(period: { from: string; to: string }, when: string): boolean {
  const start = when.length === 4 ? `${when}-01-01` : when.length === 7 ? `${when}-01` : when;
  const end = when.length === 4 ? `${when}-12-31` : when.length === 7 ? `${when}-31` : when;
  return end >= period.from && start <= period.to;
}
