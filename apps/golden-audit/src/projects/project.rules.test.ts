import { describe, expect, it } from 'vitest';
import { checkPeriod, onTeam, withinPeriod } from './project.rules.ts';

describe('project rules', () => {
  it('admits the leader and the members by username, nobody else, no service', () => {
    const team = { leader: 'li', members: ['wang'] };
    expect(['li', 'wang', 'zhao', null].map((u) => onTeam(team, u))).toEqual([true, true, false, false]);
  });

  it('orders and bounds the period', () => {
    expect(checkPeriod('2026-01-01', '2026-12-31').ok).toBe(true);
    expect(checkPeriod('2026-01-02', '2026-01-01')).toMatchObject({ ok: false, part: 'period_order' });
    expect(checkPeriod('2010-01-01', '2026-01-01')).toMatchObject({ ok: false, part: 'period_length' });
  });

  it('takes a year, a month or a day as within the period when they overlap it', () => {
    const period = { from: '2026-04-01', to: '2026-06-30' };
    expect(
      ['2026', '2026-06', '2026-04-01', '2025', '2026-07', '2026-03-31'].map((w) => withinPeriod(period, w)),
    ).toEqual([true, true, true, false, false, false]);
  });
});
