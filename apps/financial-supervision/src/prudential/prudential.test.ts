import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootFs, type FsTestApp, perm, registered } from '../test.fixture.ts';

const figures = (patch: Record<string, string> = {}) => ({
  coreTier1Capital: '750000000000',
  tier1Capital: '850000000000',
  totalCapital: '1050000000000',
  riskWeightedAssets: '10000000000000',
  highQualityLiquidAssets: '3000000000000',
  netCashOutflows30d: '2000000000000',
  ...patch,
});

describe.each(databaseTargets())('prudential reports and alerts on $name', (target) => {
  let app: FsTestApp;
  let supervisor: string;
  beforeAll(async () => {
    app = await bootFs(target);
    supervisor = await app.token(perm.filePrudential, perm.readPrudential, perm.setThreshold);
  });
  afterAll(() => app.close());

  const file = (institution: string, quarter: string, f = figures()) =>
    app.call('prudential.file', { institution, quarter, figures: f }, supervisor);

  it('computes the ratios exactly; at the warning levels exactly, no alert', async () => {
    const bank = await registered(app);
    const r = await file(bank, '2025Q1');
    expect(r.status, r.error?.message).toBe(200);
    expect(r.data).toMatchObject({
      ratios: {
        core_tier1: '7.5000',
        tier1: '8.5000',
        capital_adequacy: '10.5000',
        liquidity_coverage: '150.0000',
      },
      alerts: [],
    });
  });

  it('raises a warning under minimum + buffer and a breach under the minimum, listed as alerts', async () => {
    const bank = await registered(app);
    const r = await file(
      bank,
      '2025Q2',
      figures({
        coreTier1Capital: '700000000000',
        tier1Capital: '790000000000',
        totalCapital: '790000000000',
        highQualityLiquidAssets: '1900000000000',
      }),
    );
    expect(r.status, r.error?.message).toBe(200);
    expect((r.data as { alerts: unknown[] }).alerts).toEqual([
      { metric: 'core_tier1', level: 'warning', ratio: '7.0000', threshold: '7.5' },
      { metric: 'tier1', level: 'warning', ratio: '7.9000', threshold: '8.5' },
      { metric: 'capital_adequacy', level: 'breach', ratio: '7.9000', threshold: '8' },
      { metric: 'liquidity_coverage', level: 'breach', ratio: '95.0000', threshold: '100' },
    ]);
    const listed = await app.call('prudential.alerts', { institution: bank }, supervisor, 'query');
    expect((listed.data as unknown[]).length).toBe(4);
  });

  it('applies a dated threshold from its date on, the national default before', async () => {
    const before = await app.call('prudential.thresholds', { on: '2024-06-30' }, supervisor, 'query');
    expect(before.data).toContainEqual(
      expect.objectContaining({ metric: 'capital_adequacy', minimum: '8', origin: 'national-default' }),
    );
    const set = await app.call(
      'prudential.setThreshold',
      {
        metric: 'capital_adequacy',
        effectiveFrom: '2025-07-01',
        minimum: '8',
        warning: '11.5',
        source: '示例: 监管通知 (test)',
      },
      supervisor,
    );
    expect(set.status, set.error?.message).toBe(200);
    const bank = await registered(app);
    const q2 = await file(bank, '2025Q2');
    expect((q2.data as { alerts: unknown[] }).alerts).toEqual([]);
    const q3 = await file(bank, '2025Q3');
    expect((q3.data as { alerts: unknown[] }).alerts).toEqual([
      { metric: 'capital_adequacy', level: 'warning', ratio: '10.5000', threshold: '11.5' },
    ]);
  });

  it.each([
    ['figures.tier1Capital', { tier1Capital: '1' }, 'capital_nesting', 400],
    ['figures.riskWeightedAssets', { riskWeightedAssets: '0' }, 'positive', 400],
    ['figures.totalCapital', { totalCapital: '12.5' }, 'invalid_format', 400],
    ['figures.totalCapital', { totalCapital: '-1' }, 'invalid_format', 400],
  ])('refuses a bad %s (%s) naming the rule, writing nothing', async (path, patch, rule, status) => {
    const bank = await registered(app);
    const before = await app.counts();
    const r = await file(bank, '2025Q1', figures(patch));
    expect(r.status).toBe(status);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await app.counts()).toEqual(before);
  });

  it('refuses a quarter not over, a second report, and a non-bank', async () => {
    const bank = await registered(app);
    const future = await file(bank, '2099Q1');
    expect(future.error?.data.issues?.[0]).toMatchObject({ path: 'quarter', rule: 'not_ended' });
    expect((await file(bank, '2024Q4')).status).toBe(200);
    const again = await file(bank, '2024Q4');
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'quarter', rule: 'already_filed' });
    const broker = await registered(app, 'securities');
    expect((await file(broker, '2024Q4')).error?.data.issues?.[0]).toMatchObject({ rule: 'not_a_bank' });
  });
});
