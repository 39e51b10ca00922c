import { type BootedApp, bootApp, databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macroeconomics } from '../app.ts';
import type { MacroeconomicsDatabase } from '../database.ts';
import type { SeriesPoint } from '../derived/figure.service.ts';
import type { MacroeconomicsRouter } from '../router.ts';
import { fakeExchange, perm, prepare, pullOnce, treasuryPublication } from '../test.fixture.ts';
import { renderChartSvg } from './chart.rules.ts';

const point = (period: string, value: string, derived: SeriesPoint['derived'] = {}): SeriesPoint => ({
  period,
  value,
  revision: 1,
  observationId: '1',
  released: true,
  derived,
});

describe('charts rendered on the server', () => {
  it('draws the series as SVG with its title, periods, stored values and the change lines', () => {
    const svg = renderChartSvg({
      title: '国库收入合计 Treasury receipts',
      unit: '元',
      points: [point('2026-01', '110'), point('2026-02', '210.5', { yoy: '5.00', pop: '91.36' })],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="800"');
    expect(svg).toContain('国库收入合计 Treasury receipts');
    for (const text of ['2026-01', '2026-02', '210.5', 'yoy %', 'pop %', 'value (元)'])
      expect(svg).toContain(text);
    expect(svg.match(/<path/g)?.length).toBeGreaterThan(4);
  });

  it('keeps markup out of the title', () => {
    const svg = renderChartSvg({
      title: '<script>alert(1)</script>',
      unit: '元',
      points: [point('2026-01', '1')],
    });
    expect(svg).not.toContain('<script>');
  });
});

describe.each(databaseTargets())('the public chart route on $name', (target) => {
  let app: BootedApp<MacroeconomicsDatabase, MacroeconomicsRouter>;
  beforeAll(async () => {
    app = await bootApp(macroeconomics, target);
    const db = app.app.database.db;
    await prepare(db, { by: 'official:tester', at: new Date('2026-09-01T00:00:00Z') });
    const exchange = fakeExchange();
    for (const [period, total] of [
      ['2026-08', '4321.09'],
      ['2026-09', '5000'],
    ] as const) {
      exchange.served.set(
        `GF-REC-0001/${period}`,
        treasuryPublication(period, { total, 'customs-duty': '1' }),
      );
      await pullOnce(db, exchange, 'GF-REC-0001', period);
    }
    const team = await app.identity.officialToken({
      permissions: [perm.announce],
      scopes: { embargo: ['*'] },
    });
    await app.client(team).releases.announce.mutate({
      indicator: 'FIN-REC-TOTAL',
      period: '2026-08',
      releaseAt: new Date(Date.now() + 800).toISOString(),
    });
    await new Promise((r) => setTimeout(r, 1_000));
  });
  afterAll(() => app.close());

  it('serves the released figures as SVG and never draws an embargoed one', async () => {
    const res = await app.app.hono.request('/charts/FIN-REC-TOTAL.svg');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toContain('2026-08');
    expect(svg).toContain('4321.09');
    expect(svg).not.toContain('2026-09');
    expect(svg).not.toContain('5000');
  });

  it('answers 400 for a bad region and 404 for an unknown indicator', async () => {
    expect((await app.app.hono.request('/charts/FIN-REC-TOTAL.svg?region=990000')).status).toBe(400);
    expect((await app.app.hono.request('/charts/NO-SUCH.svg')).status).toBe(404);
  });
});
