import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findByReference } from './declarations/declaration-read.service.ts';
import { demoDeclarations, seedGoldenCustoms } from './seed.ts';
import { bootGoldenCustoms, type GoldenCustomsTestApp } from './test.fixture.ts';

describe.each(databaseTargets())('seed on $name', (target) => {
  let cs: GoldenCustomsTestApp;
  beforeAll(async () => {
    cs = await bootGoldenCustoms(target);
  });
  afterAll(() => cs.close());

  it('loads the demo data once: a second run writes nothing', async () => {
    await seedGoldenCustoms(cs.app.database, silentLogger());
    const first = await cs.counts();
    expect(first).toMatchObject({
      importer: 3,
      declaration: 5,
      declaration_line: 5,
      inspection: 1,
      outbox: 6,
    });
    await seedGoldenCustoms(cs.app.database, silentLogger());
    expect(await cs.counts()).toEqual(first);
  });

  it('leaves declarations in different lanes and states, the worked example among them', async () => {
    const seeded = await Promise.all(
      demoDeclarations.map((d) =>
        findByReference(cs.db, d.input.importerCreditCode, d.input.declarantReference),
      ),
    );
    expect(
      seeded.map((d) => [d?.declarantReference, d?.lane, d?.status, d?.inspection?.result ?? null]),
    ).toEqual([
      ['DEMO-WINE-001', 'yellow', 'submitted', 'pass'],
      ['DEMO-COPPER-002', 'blue', 'submitted', null],
      ['DEMO-LAPTOP-001', 'red', 'submitted', null],
      ['DEMO-PHONE-002', 'green', 'submitted', null],
      ['DEMO-YACHT-001', 'yellow', 'submitted', null],
    ]);
    expect(seeded[4]?.totals).toMatchObject({
      dutyFen: 1_000_000,
      consumptionTaxFen: 1_222_222,
      vatFen: 1_588_889,
    });
    expect(seeded[1]?.lines[0]).toMatchObject({ incoterm: 'FOB', insuranceDerived: true });
  });
});
