import { randomUUID } from 'node:crypto';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootSocialSecurity, perm, retiree, type SocialSecurityTestApp } from '../test.fixture.ts';

const nextMonth = () => {
  const now = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};

describe.each(databaseTargets())('payroll.run on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  const appropriationId = randomUUID();
  const run = (month: string, token = officer) =>
    ss.call('payroll.run', { month, budgetUnit: '208001', appropriationId }, token);
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.award, perm.runPayroll, perm.readPayroll, perm.readPension);
    for (const name of ['甲', '乙', '丙']) {
      const { residentId } = await retiree(ss, `退休${name}`);
      const r = await ss.call(
        'pensions.award',
        { residentId, category: 'male', firstMonth: '2025-01' },
        officer,
      );
      if (r.status !== 200) throw new Error(JSON.stringify(r.error));
    }
  });
  afterAll(() => ss.close());

  it('pays every living pensioner through golden-finance, one payment request each, as its own service', async () => {
    const r = await run('2025-03');
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      month: '2025-03',
      pensioners: 3,
      totalFen: 3 * 291_773,
      cancelled: 0,
      heldNoCard: 0,
    });
    expect(ss.finance.calls).toEqual([{ lines: 3, caller: 'service:social-security' }]);
    expect(ss.finance.payments.size).toBe(3);
    const lines = await ss.db.selectFrom('payroll_line').selectAll().where('month', '=', '2025-03').execute();
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((l) => l.status))).toEqual(new Set(['requested']));
    const got = await ss.call('payroll.get', { month: '2025-03' }, officer, 'query');
    expect(got.data).toMatchObject({ pensioners: 3, totalFen: 875_319 });
    const [record] = await ss.audit('payroll.run');
    expect(record).toMatchObject({ outcome: 'ok' });
  });

  it('refuses to run a month twice (409 already_run), writing nothing and asking finance nothing', async () => {
    const before = await ss.counts();
    const calls = ss.finance.calls.length;
    const r = await run('2025-03');
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'month', rule: 'already_run' });
    expect(ss.finance.calls.length).toBe(calls);
    const after = await ss.counts();
    expect({ ...after, pending_step: 0, pending_step_call: 0 }).toEqual({
      ...before,
      pending_step: 0,
      pending_step_call: 0,
    });
  });

  it('lets one of two simultaneous runs of a month through, and finance requests each pensioner once', async () => {
    const results = await Promise.all([run('2025-04'), run('2025-04')]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(ss.finance.payments.size).toBe(6);
  });

  it.each([
    ['a future month', () => nextMonth(), 'month', 'in_future'],
    ['a malformed month', () => '2025-13', 'month', 'invalid_format'],
  ])(
    'refuses a run for %s with 400 naming the field and rule, writing nothing',
    async (_, month, path, rule) => {
      const before = await ss.counts();
      const calls = ss.finance.calls.length;
      const r = await run(month());
      expect(r.status).toBe(400);
      expect(r.error?.data.issues?.[0]).toMatchObject({ path, rule });
      expect(ss.finance.calls.length).toBe(calls);
      const after = await ss.counts();
      expect({ ...after, pending_step: 0, pending_step_call: 0 }).toEqual({
        ...before,
        pending_step: 0,
        pending_step_call: 0,
      });
    },
  );

  it('holds a pensioner whose card is lost, and pays no one before their first month', async () => {
    const { residentId } = await retiree(ss, '晚退');
    await ss.call('pensions.award', { residentId, category: 'male', firstMonth: '2025-06' }, officer);
    expect((await run('2025-05')).data).toMatchObject({ pensioners: 3, heldNoCard: 0 });
    await ss.call('cards.reportLost', { residentId }, await ss.token(perm.reportCard));
    expect((await run('2025-06')).data).toMatchObject({ pensioners: 3, heldNoCard: 1 });
  });

  it('survives golden-finance failing mid-run: the kernel resumes the step and nobody is requested twice', async () => {
    ss.finance.state.refuseAfter = ss.finance.calls.length; // the next call fails
    const failed = await run('2025-07');
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(
      await ss.db.selectFrom('payroll_run').select('month').where('month', '=', '2025-07').execute(),
    ).toEqual([]);
    delete ss.finance.state.refuseAfter;
    // The recovery loop resumes the recorded step with its own key, input and time.
    let got = await ss.call('payroll.get', { month: '2025-07' }, officer, 'query');
    for (let i = 0; i < 60 && got.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      got = await ss.call('payroll.get', { month: '2025-07' }, officer, 'query');
    }
    expect(got.status).toBe(200);
    expect(got.data).toMatchObject({ pensioners: 3 });
    const july = [...ss.finance.payments.keys()].filter((k) => k.includes('pension:2025-07:'));
    expect(july).toHaveLength(3);
    expect((await run('2025-07')).status).toBe(409);
  }, 40_000);

  it('needs a token and the permission', async () => {
    expect((await run('2025-08', '')).status).toBe(401);
    expect((await run('2025-08', await ss.token(perm.readPayroll))).status).toBe(403);
  });
});
