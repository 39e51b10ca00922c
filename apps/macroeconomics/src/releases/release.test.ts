import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { type BootedApp, bootApp, databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macroeconomics } from '../app.ts';
import type { MacroeconomicsDatabase } from '../database.ts';
import type { MacroeconomicsRouter } from '../router.ts';
import { tablesOf } from '../shared/tables.ts';
import { domainTables, fakeExchange, perm, prepare, pullOnce, treasuryPublication } from '../test.fixture.ts';

describe.each(databaseTargets())('the release calendar and the embargo on $name', (target) => {
  let app: BootedApp<MacroeconomicsDatabase, MacroeconomicsRouter>;
  let team: string;
  let reader: string;
  const key = { indicator: 'FIN-REC-TOTAL', region: '100000' };

  beforeAll(async () => {
    app = await bootApp(macroeconomics, target);
    const db = app.app.database.db;
    await prepare(db, { by: 'official:tester', at: new Date('2026-10-01T00:00:00Z') });
    const exchange = fakeExchange();
    for (const [period, total] of [
      ['2025-10', '100'],
      ['2026-10', '120'],
    ] as const) {
      exchange.served.set(
        `GF-REC-0001/${period}`,
        treasuryPublication(period, { total, 'customs-duty': '1' }),
      );
      await pullOnce(db, exchange, 'GF-REC-0001', period);
    }
    team = await app.identity.officialToken({
      permissions: Object.values(perm),
      agency: 'ndrc',
      username: 'statistician',
      scopes: { embargo: ['*'] },
    });
    reader = await app.identity.officialToken({
      permissions: [perm.read],
      agency: 'mof',
      username: 'reader',
    });
  });
  afterAll(() => app.close());

  it('announces a release beforehand, once, and shows the calendar to anyone', async () => {
    const releaseAt = new Date(Date.now() + 3_600_000).toISOString();
    const announced = await app
      .client(team)
      .releases.announce.mutate({ indicator: key.indicator, period: '2025-10', releaseAt });
    expect(announced).toMatchObject({ indicator: 'FIN-REC-TOTAL', period: '2025-10', releaseAt });
    const again = await app.call(
      'releases.announce',
      { indicator: key.indicator, period: '2025-10', releaseAt },
      team,
    );
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'period', rule: 'announced' });
    const past = await app.call(
      'releases.announce',
      { indicator: key.indicator, period: '2026-10', releaseAt: '2020-01-01T00:00:00Z' },
      team,
    );
    expect(past.error?.data.issues?.[0]).toMatchObject({ path: 'releaseAt', rule: 'past' });
    const calendar = await app.client().releases.calendar.query({});
    expect(calendar.map((r) => [r.indicator, r.period])).toEqual([['FIN-REC-TOTAL', '2025-10']]);
  });

  it("refuses a read before the release time by the kernel's scope check, audited, and lets the team read", async () => {
    const refused = await app.call('figures.trace', { ...key, period: '2026-10' }, reader, 'query');
    expect(refused.status).toBe(403);
    expect(refused.error?.data.issues).toEqual([expect.objectContaining({ path: 'period', rule: 'scope' })]);
    expect(JSON.stringify(refused)).not.toContain('120');
    const t = tablesOf(app.app.database.db);
    const { rows } = await sql<{ outcome: string; objects: string }>`
      select outcome, object_ids::text as objects from ${t('audit_record')}
      where procedure = 'figures.trace' and kind = 'authorization'`.execute(app.app.database.db);
    expect(rows).toEqual([{ outcome: 'refused', objects: expect.stringContaining('embargo:FIN-REC-TOTAL') }]);

    const traced = await app.client(team).figures.trace.query({ ...key, period: '2026-10' });
    expect(traced.revisions.map((r) => r.value)).toEqual(['120']);
    // The series: the team sees every period, a reader none of the embargoed ones, the public likewise.
    expect((await app.client(team).figures.series.query(key)).map((p) => [p.period, p.released])).toEqual([
      ['2025-10', false],
      ['2026-10', false],
    ]);
    expect(await app.client(reader).figures.series.query(key)).toEqual([]);
    expect(await app.client().figures.published.query(key)).toEqual([]);
  });

  it('makes a figure public the moment its release time comes', async () => {
    const releaseAt = new Date(Date.now() + 1_500).toISOString();
    await app
      .client(team)
      .releases.announce.mutate({ indicator: key.indicator, period: '2026-10', releaseAt });
    expect((await app.call('figures.trace', { ...key, period: '2026-10' }, reader, 'query')).status).toBe(
      403,
    );
    await new Promise((r) => setTimeout(r, 1_700));
    const traced = await app.client(reader).figures.trace.query({ ...key, period: '2026-10' });
    expect(traced.derived.find((d) => d.measure === 'yoy')).toMatchObject({ value: '20.00' });
    expect(await app.client().figures.published.query(key)).toEqual([
      expect.objectContaining({ period: '2026-10', value: '120', released: true, derived: { yoy: '20.00' } }),
    ]);
  });

  it.each([
    ['figures.trace', { ...key, period: '2026-Q4' }, 'period', 'frequency', 'query'],
    ['figures.series', { ...key, region: '990000' }, 'region', 'province', 'query'],
    ['figures.series', { ...key, industry: '391' }, 'industry', 'level', 'query'],
    [
      'releases.announce',
      { indicator: key.indicator, period: '2026-13', releaseAt: '2030-01-01T00:00:00Z' },
      'period',
      'frequency',
      'mutation',
    ],
    [
      'releases.announce',
      { indicator: key.indicator, period: '2026-11', releaseAt: 'tomorrow' },
      'releaseAt',
      'invalid_format',
      'mutation',
    ],
  ] as const)(
    'refuses %s with a bad %s, naming the field and the rule, writing nothing',
    async (path, input, field, rule, type) => {
      const before = await app.counts(domainTables);
      const r = await app.call(path, input, team, type);
      expect(r.status).toBe(400);
      expect(r.error?.data.issues?.[0]).toMatchObject({ path: field, rule });
      expect(await app.counts(domainTables)).toEqual(before);
    },
  );

  it('refuses a reader announcing (FORBIDDEN) and an anonymous caller reading figures (UNAUTHORIZED)', async () => {
    const before = await app.counts(domainTables);
    const r = await app.call(
      'releases.announce',
      { indicator: key.indicator, period: '2026-09', releaseAt: '2030-01-01T00:00:00Z' },
      reader,
    );
    expect(r.error?.data.code).toBe('FORBIDDEN');
    expect((await app.call('figures.series', key, undefined, 'query')).error?.data.code).toBe('UNAUTHORIZED');
    expect(await app.counts(domainTables)).toEqual(before);
  });

  it('guards every procedure with a permission of its manifest, or marks it public', () => {
    expect(undeclaredProcedures(macroeconomics.router)).toEqual([]);
    const declared = listProcedures(macroeconomics.router).filter(
      (p) => !p.path.startsWith('audit.') && !p.meta?.public,
    );
    for (const p of declared)
      expect(Object.keys(macroeconomics.manifest?.permissions ?? {})).toContain(p.meta?.permission);
    expect(
      listProcedures(macroeconomics.router)
        .filter((p) => p.meta?.public)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['figures.published', 'releases.calendar']);
  });
});
