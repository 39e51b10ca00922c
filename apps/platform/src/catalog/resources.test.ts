import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPlatform } from '../seed.ts';
import { bootPlatform, type PlatformHarness } from '../testing.fixture.ts';
import type { Resource } from './catalog.schemas.ts';

const steward = ['platform.catalog.manage', 'platform.catalog.read', 'platform.exchange.decide'];

const household = {
  id: 'GS-HH-0001',
  ownerAgency: 'mps',
  ownerApp: 'golden-shield',
  title: '户籍迁移统计 household moves statistics',
  summary: 'Monthly counts of household moves in and out, by county.',
  sharing: 'unconditional',
  updateCycle: 'monthly',
  format: 'spreadsheet',
  procedures: ['moves.statistics'],
  keywords: ['户籍', 'migration'],
  divisions: ['110101', '350000'],
};

describe.each(databaseTargets())('the information resource catalog on $name', (target) => {
  let platform: PlatformHarness;
  let mps: string;
  let sat: string;
  let national: string;
  let reader: string;
  const mutate = (path: string, input: unknown, token: string) =>
    platform.call(path, { type: 'mutation', input, token });
  const search = async (input: Record<string, unknown>, token = reader) => {
    const res = await platform.call('catalog.search', { input, token });
    expect(res.status, res.error?.message).toBe(200);
    const data = res.data as { total: number; items: Resource[] };
    return { total: data.total, ids: data.items.map((r) => r.id) };
  };

  beforeAll(async () => {
    platform = await bootPlatform(target);
    await seedPlatform(platform.app.database, silentLogger());
    mps = await platform.officialToken(steward, 'mps');
    sat = await platform.officialToken(steward, 'sat');
    national = await platform.officialToken(steward, 'platform');
    reader = await platform.officialToken(['platform.catalog.read'], 'customs');
  });
  afterAll(() => platform.close());

  it('searches title, summary and keywords, Chinese included, every word counting, title hits first', async () => {
    expect(await search({ q: '人口' })).toEqual({ total: 2, ids: ['GS-POP-0001', 'GS-RES-0001'] });
    expect((await search({ q: 'IDENTITY verification' })).ids).toEqual(['GS-POP-0001']);
    expect((await search({ q: 'treasury' })).ids).toEqual(['GF-TRE-0001']);
    // "void" is only in the invoice summary.
    expect((await search({ q: 'void' })).ids).toEqual(['GT-INV-0001']);
    expect((await search({ q: '人口 treasury' })).ids).toEqual([]);
    // Wildcards in the query are literal.
    expect((await search({ q: '%' })).ids).toEqual([]);
    expect((await search({})).total).toBe(12);
  });

  it('filters by sharing class, owner, keyword, procedure and format, and pages', async () => {
    expect((await search({ sharing: 'conditional' })).ids).toEqual([
      'GC-TRD-0001',
      'GF-APR-0001',
      'GF-LED-0001',
      'GF-PAY-0001',
      'GF-REC-0001',
      'GF-TRE-0001',
      'GQ-ENT-0001',
      'GS-POP-0001',
      'GT-INP-0001',
      'GT-REV-0001',
    ]);
    expect((await search({ sharing: 'not-shared' })).ids).toEqual(['GS-RES-0001']);
    expect((await search({ ownerAgency: 'mps' })).ids).toEqual(['GS-POP-0001', 'GS-RES-0001']);
    expect((await search({ ownerApp: 'golden-tax' })).ids).toEqual(['GT-INP-0001', 'GT-INV-0001', 'GT-REV-0001']);
    expect((await search({ keyword: '国库' })).ids).toEqual(['GF-TRE-0001']);
    expect((await search({ keyword: '国' })).ids).toEqual([]);
    expect((await search({ procedure: 'identity.verify' })).ids).toEqual(['GS-POP-0001']);
    expect((await search({ format: 'document' })).ids).toEqual([]);
    expect(await search({ limit: 2, offset: 1 })).toEqual({ total: 12, ids: ['GF-APR-0001', 'GF-LED-0001'] });
  });

  it('lets an agency register its own resources, with GB/T 21063 metadata, and finds them by division', async () => {
    const res = await mutate('catalog.register', household, mps);
    expect(res.status, res.error?.message).toBe(200);
    expect(res.data).toMatchObject({ ...household, divisions: ['110101', '350000'] });
    const got = await platform.call('catalog.get', { input: { id: 'GS-HH-0001' }, token: reader });
    expect(got.data).toEqual(res.data);

    // Scoped to 东城区 and to 福建省: found for those, for counties of Fujian, and nationwide resources always.
    expect((await search({ division: '110101', ownerAgency: 'mps' })).ids).toContain('GS-HH-0001');
    expect((await search({ division: '350102', ownerAgency: 'mps' })).ids).toContain('GS-HH-0001');
    expect((await search({ division: '110102', ownerAgency: 'mps' })).ids).toEqual([
      'GS-POP-0001',
      'GS-RES-0001',
    ]);

    const again = await mutate('catalog.register', household, mps);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'id', rule: 'taken' });

    const [record] = await platform.audit('catalog.register');
    expect(record).toMatchObject({ kind: 'mutation', outcome: 'ok', object_ids: ['resource:GS-HH-0001'] });
  });

  it("refuses registering for another agency or through another agency's system (the national office may do either's part)", async () => {
    const forSat = await mutate(
      'catalog.register',
      { ...household, id: 'GT-HH-0001', ownerAgency: 'sat' },
      mps,
    );
    expect(forSat.status).toBe(403);
    expect(forSat.error?.data.issues?.[0]).toMatchObject({ path: 'ownerAgency', rule: 'agency_scope' });

    const viaTax = await mutate(
      'catalog.register',
      { ...household, id: 'GS-HH-0002', ownerApp: 'golden-tax' },
      mps,
    );
    expect(viaTax.status).toBe(400);
    expect(viaTax.error?.data.issues?.[0]).toMatchObject({ path: 'ownerApp', rule: 'not_owner_system' });

    const unknown = await mutate(
      'catalog.register',
      { ...household, id: 'GS-HH-0003', ownerApp: 'golden-water' },
      mps,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.error?.data.issues?.[0]).toMatchObject({ path: 'ownerApp', rule: 'unknown_system' });

    const byNational = await mutate(
      'catalog.register',
      {
        ...household,
        id: 'GT-STAT-0001',
        ownerAgency: 'sat',
        ownerApp: 'golden-tax',
        procedures: ['returns.statistics'],
      },
      national,
    );
    expect(byNational.status, byNational.error?.message).toBe(200);
  });

  it('validates the identifier, divisions, procedures and sharing class, naming each field', async () => {
    const res = await mutate(
      'catalog.register',
      {
        ...household,
        id: 'gs-pop-1',
        sharing: 'public',
        procedures: ['Identity verify', 'moves.statistics', 'moves.statistics'],
        divisions: ['999999', '110103'],
      },
      mps,
    );
    expect(res.status).toBe(400);
    const issues = res.error?.data.issues ?? [];
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['id', 'sharing', 'procedures.0', 'procedures', 'divisions.0', 'divisions.1']),
    );
    expect(issues.find((i) => i.path === 'divisions.1')).toMatchObject({ rule: 'abolished' });
    expect(issues.find((i) => i.path === 'id')?.message).toMatch(/GS-POP-0001/);
  });

  it('lets only the owner agency (or the national office) change a resource', async () => {
    const bySat = await mutate('catalog.update', { id: 'GS-HH-0001', title: 'hijacked' }, sat);
    expect(bySat.status).toBe(403);
    expect(bySat.error?.data.issues?.[0]).toMatchObject({ path: 'id', rule: 'agency_scope' });
    const byMps = await mutate(
      'catalog.update',
      { id: 'GS-HH-0001', title: '户籍迁移 moves by county', keywords: ['户籍'] },
      mps,
    );
    expect(byMps.status, byMps.error?.message).toBe(200);
    expect(byMps.data).toMatchObject({
      resource: { title: '户籍迁移 moves by county', keywords: ['户籍'] },
      revokedGrants: [],
    });
    expect((await search({ q: 'county moves', ownerAgency: 'mps' })).ids).toEqual(['GS-HH-0001']);
    expect(
      (await mutate('catalog.update', { id: 'GS-HH-0001', updateCycle: 'yearly' }, national)).status,
    ).toBe(200);
    expect((await mutate('catalog.update', { id: 'GS-XX-0009', title: 'x' }, national)).status).toBe(404);
  });

  it('places systems with agencies: a national-office act, and a system never moves', async () => {
    const systems = await platform.call('catalog.systems', { token: reader });
    expect(systems.data).toContainEqual({ app: 'golden-shield', agency: 'mps' });
    const byMps = await mutate('catalog.declareSystem', { app: 'golden-water', agency: 'mps' }, mps);
    expect(byMps.status).toBe(403);
    expect(
      (await mutate('catalog.declareSystem', { app: 'golden-water', agency: 'mps' }, national)).status,
    ).toBe(200);
    expect(
      (await mutate('catalog.declareSystem', { app: 'golden-water', agency: 'mps' }, national)).status,
    ).toBe(200);
    const moved = await mutate('catalog.declareSystem', { app: 'golden-water', agency: 'sat' }, national);
    expect(moved.status).toBe(409);
    expect(moved.error?.data.issues?.[0]).toMatchObject({ path: 'agency', rule: 'operated_elsewhere' });
  });
});
