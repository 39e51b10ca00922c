import { type BootedApp, bootApp, databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macroeconomics } from '../app.ts';
import type { MacroeconomicsDatabase } from '../database.ts';
import type { MacroeconomicsRouter } from '../router.ts';
import { tablesOf } from '../shared/tables.ts';
import {
  domainTables,
  fakeExchange,
  named,
  perm,
  prepare,
  pullOnce,
  treasuryPublication,
} from '../test.fixture.ts';
import { traceFigure } from './figure.service.ts';

const months: [string, string, string][] = [
  // period, total, customs duty (yuan)
  ['2025-01', '100', '10'],
  ['2025-02', '200', '20'],
  ['2025-03', '300', '30'],
  ['2026-01', '110', '11'],
  ['2026-02', '210', '21'],
  ['2026-03', '330', '33'],
];

describe.each(databaseTargets())('derived figures on $name', (target) => {
  let app: BootedApp<MacroeconomicsDatabase, MacroeconomicsRouter>;
  const exchange = fakeExchange();
  const derivedOf = async (indicator: string, period: string, industry = '') => {
    const rows = await app.app.database.db
      .selectFrom('derived_figure')
      .select(['measure', sql<string>`value::text`.as('value')])
      .where('indicator', '=', indicator)
      .where('industry', '=', industry)
      .where('period_start', '=', `${period}-01`)
      .execute();
    return Object.fromEntries(rows.map((r) => [r.measure, r.value]));
  };

  beforeAll(async () => {
    app = await bootApp(macroeconomics, target);
    const db = app.app.database.db;
    await prepare(db, { by: 'official:tester', at: new Date('2026-12-01T00:00:00Z') });
    for (const [period, total, duty] of months) {
      exchange.served.set(
        `GF-REC-0001/${period}`,
        treasuryPublication(
          period,
          { total, 'customs-duty': duty },
          period === '2026-03' ? [{ measure: 'total', industry: 'C', value: '9900' }] : [],
        ),
      );
      await pullOnce(db, exchange, 'GF-REC-0001', period);
    }
  });
  afterAll(() => app.close());

  it('computes year-on-year, period-on-period, the fixed-base index and 1-N月累计同比 exactly', async () => {
    expect(await derivedOf('FIN-REC-TOTAL', '2026-01')).toEqual({
      yoy: '10.00',
      index: '110.00',
      cum_yoy: '10.00',
    });
    expect(await derivedOf('FIN-REC-TOTAL', '2026-02')).toEqual({
      yoy: '5.00',
      pop: '90.91', // 210 / 110 - 1 = 0.909090…
      index: '210.00',
      cum_yoy: '6.67', // (110 + 210) / (100 + 200) - 1
    });
    expect(await derivedOf('FIN-REC-TOTAL', '2026-03')).toMatchObject({
      yoy: '10.00',
      pop: '57.14',
      index: '330.00',
      cum_yoy: '8.33', // 650 / 600 - 1
    });
    // The base period itself gets no index; a month whose previous month is not kept gets no 环比.
    expect(await derivedOf('FIN-REC-TOTAL', '2025-01')).toEqual({});
  });

  it("computes shares: a part of its parent indicator, an industry of its indicator's total", async () => {
    expect(await derivedOf('FIN-REC-DUTY', '2026-03')).toMatchObject({ share: '10.00', yoy: '10.00' });
    expect(await derivedOf('FIN-REC-TOTAL', '2026-03', 'C')).toEqual({ share: '30.00' });
  });

  it('traces a derived figure to the observations it came from, and each to its dataset, grant and request', async () => {
    const trace = await traceFigure(app.app.database.db, {
      indicator: 'FIN-REC-TOTAL',
      region: '100000',
      industry: '',
      periodStart: '2026-03-01',
    });
    const cum = trace.derived.find((d) => d.measure === 'cum_yoy')!;
    expect(cum.inputs.map((o) => o.value).sort()).toEqual(['100', '110', '200', '210', '300', '330']);
    const yoy = trace.derived.find((d) => d.measure === 'yoy')!;
    expect(yoy.inputs.map((o) => [o.periodStart, o.value])).toEqual([
      ['2026-03-01', '330'],
      ['2025-03-01', '300'],
    ]);
    expect(yoy.inputs[1]!.source).toMatchObject({
      resourceId: 'GF-REC-0001',
      ownerApp: 'golden-finance',
      procedure: 'statistics.monthlyReceipts',
      grantId: 'G-test-treasury',
      requestId: 'req-2025-03',
    });
    expect(exchange.asked.every((g) => g === 'G-test-treasury')).toBe(true);
  });

  it('keeps the first release when a corrected figure arrives, and recomputes from the revision', async () => {
    const db = app.app.database.db;
    exchange.served.set(
      `GF-REC-0001/2025-03`,
      treasuryPublication('2025-03', { total: '325', 'customs-duty': '30' }),
    );
    const pulled = await pullOnce(db, exchange, 'GF-REC-0001', '2025-03');
    expect(pulled).toMatchObject({ first: 0, revised: 1, unchanged: 1, indicators: ['FIN-REC-TOTAL'] });
    const trace = await traceFigure(db, {
      indicator: 'FIN-REC-TOTAL',
      region: '100000',
      industry: '',
      periodStart: '2025-03-01',
    });
    expect(trace.revisions.map((r) => [r.revision, r.value, r.source?.requestId])).toEqual([
      [1, '300', 'req-2025-03'],
      [2, '325', 'req-2025-03'],
    ]);
    expect(trace.revisions[0]!.source!.datasetId).not.toBe(trace.revisions[1]!.source!.datasetId);
    // 330 / 325 - 1 = 1.538…%; the cumulative one: 650 / 625 - 1 = 4.00%
    expect(await derivedOf('FIN-REC-TOTAL', '2026-03')).toMatchObject({ yoy: '1.54', cum_yoy: '4.00' });
    // The same publication again: nothing new.
    expect(await pullOnce(db, exchange, 'GF-REC-0001', '2025-03')).toMatchObject({
      sameAsBefore: true,
      revised: 0,
    });
    // And no one, not even the schema's owner, overwrites a kept revision.
    const t = tablesOf(db);
    await expect(sql`update ${t('observation')} set value = 1`.execute(db)).rejects.toThrow(
      /kept in every revision/,
    );
    await expect(sql`delete from ${t('observation')}`.execute(db)).rejects.toThrow(/kept in every revision/);
  });

  it('keeps values past 2^53 fen exactly', async () => {
    const db = app.app.database.db;
    const big = treasuryPublication('2026-04', {});
    big.rows.push({ measure: 'total', region: '100000', value: '9007199254740993' });
    exchange.served.set('GF-REC-0001/2026-04', big);
    await pullOnce(db, exchange, 'GF-REC-0001', '2026-04');
    const trace = await traceFigure(db, {
      indicator: 'FIN-REC-TOTAL',
      region: '100000',
      industry: '',
      periodStart: '2026-04-01',
    });
    expect(trace.revisions[0]!.value).toBe('90071992547409.93');
  });

  const bad: [string, (p: ReturnType<typeof treasuryPublication>) => unknown, string, string][] = [
    [
      'a measure that feeds no indicator',
      (p) => p.rows.push({ measure: 'total-yoy', region: '100000', value: '5' }),
      'publication.rows.2.measure',
      'unknown_measure',
    ],
    [
      'a derived figure typed in beside a value',
      (p) => Object.assign(p.rows[0]!, { yoy: '5.0' }),
      'publication.rows.0',
      'unknown_field',
    ],
    [
      'a value in a unit the indicator cannot take',
      (p) => Object.assign(p, { unit: '件' }),
      'publication.rows.0.value',
      'unit',
    ],
    [
      'a float in exponent form',
      (p) => Object.assign(p.rows[0]!, { value: '1e5' }),
      'publication.rows.0.value',
      'invalid_format',
    ],
    [
      'a period the indicator does not have',
      (p) => Object.assign(p, { period: '2026-Q1' }),
      'publication.period',
      'mismatch',
    ],
    [
      'a region that is no GB/T 2260 division',
      (p) => Object.assign(p.rows[0]!, { region: '990000' }),
      'publication.rows.0.region',
      'province',
    ],
    [
      'an industry GB/T 4754 does not have',
      (p) => Object.assign(p.rows[0]!, { industry: 'Z' }),
      'publication.rows.0.industry',
      'unknown',
    ],
    ['the same figure twice', (p) => p.rows.push({ ...p.rows[0]! }), 'publication.rows.2', 'duplicate'],
  ];
  it.each(bad)(
    'refuses %s, naming the field and the rule, writing nothing',
    async (_, spoil, field, rule) => {
      const publication = treasuryPublication('2026-05', { total: '1', 'customs-duty': '1' });
      spoil(publication);
      exchange.served.set('GF-REC-0001/2026-05', publication);
      const before = await app.counts(domainTables);
      const error = await pullOnce(app.app.database.db, exchange, 'GF-REC-0001', '2026-05').catch((e) => e);
      expect(named(error)).toEqual({ field, rule });
      expect(await app.counts(domainTables)).toEqual(before);
    },
  );

  it('refuses a month not yet ended and a month given as a quarter', async () => {
    const db = app.app.database.db;
    expect(named(await pullOnce(db, exchange, 'GF-REC-0001', '2026-12').catch((e) => e))).toEqual({
      field: 'period',
      rule: 'not_ended',
    });
    expect(named(await pullOnce(db, exchange, 'GF-REC-0001', '2026-Q1').catch((e) => e))).toEqual({
      field: 'period',
      rule: 'frequency',
    });
  });

  it('takes no derived figure from anyone: the recompute procedure accepts no value', async () => {
    const before = await app.counts(domainTables);
    const r = await app.call(
      'figures.recompute',
      { indicators: ['FIN-REC-TOTAL'], value: '12.5' },
      await app.token(perm.compute),
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ rule: 'unknown_field' });
    expect(await app.counts(domainTables)).toEqual(before);
  });
});
