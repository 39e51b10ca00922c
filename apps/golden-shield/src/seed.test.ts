import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoResidentIds, demoResidentNames, seedGoldenShield } from './seed.ts';
import { bootGoldenShield, type GoldenShieldTestApp, perm } from './test.fixture.ts';

describe.each(databaseTargets())('seed on $name', (target) => {
  let gs: GoldenShieldTestApp;
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
  });
  afterAll(() => gs.close());

  it('loads the demo population once: a second run writes nothing', async () => {
    await seedGoldenShield(gs.app.database, silentLogger());
    const first = await gs.counts();
    expect(first).toMatchObject({ resident: 10, household_move: 1, death: 1 });
    await seedGoldenShield(gs.app.database, silentLogger());
    expect(await gs.counts()).toEqual(first);
  });

  it('makes every demo resident findable by the lookup, one moved and one dead', async () => {
    const ids = await demoResidentIds(gs.db);
    expect([...ids.keys()]).toEqual([...demoResidentNames]);
    const token = await gs.token(perm.read, perm.reveal);
    const view = async (name: string) =>
      (await gs.call('residents.get', { residentId: ids.get(name) }, token, 'query')).data;
    expect(await view('张伟')).toMatchObject({ sex: 'male', householdDivision: { code: '110101' } });
    expect(await view('刘洋')).toMatchObject({ householdDivision: { code: '110105', name: '朝阳区' } });
    expect(await view('吴刚')).toMatchObject({ status: 'dead', diedOn: '2023-11-02' });
  });
});
