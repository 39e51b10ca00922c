import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootGoldenShield,
  type GoldenShieldTestApp,
  perm,
  tomorrowInChina,
  unissuedResidentId,
} from '../test.fixture.ts';

describe.each(databaseTargets())('moves.record on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let clerk: string;
  let residentId: string;
  const move = (input: Record<string, unknown>) => gs.call('moves.record', input, clerk);
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    clerk = await gs.token(perm.move, perm.read);
    residentId = await gs.born({
      name: '孙浩',
      sex: 'male',
      birthDate: '1990-04-01',
      divisionCode: '350102',
    });
  });
  afterAll(() => gs.close());

  it('moves the household registration and keeps the move in history', async () => {
    const r = await move({ residentId, toDivision: '110105', movedOn: '2018-07-01' });
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ householdDivision: { code: '110105', name: '朝阳区' }, revealed: false });
    const looked = await gs.call('residents.get', { residentId }, clerk, 'query');
    expect(looked.data).toMatchObject({ householdDivision: { code: '110105' } });
    const history = await gs.db
      .selectFrom('household_move')
      .select(['from_division', 'to_division'])
      .execute();
    expect(history).toEqual([{ from_division: '350102', to_division: '110105' }]);
  });

  it.each([
    [
      'to where they are registered',
      { toDivision: '110105', movedOn: '2020-01-01' },
      'toDivision',
      'same_division',
    ],
    ['dated before birth', { toDivision: '310101', movedOn: '1989-12-31' }, 'movedOn', 'before_birth'],
    [
      'dated before the last move',
      { toDivision: '310101', movedOn: '2018-06-30' },
      'movedOn',
      'before_last_move',
    ],
    ['dated in the future', { toDivision: '310101', movedOn: tomorrowInChina() }, 'movedOn', 'in_future'],
    ['to an abolished division', { toDivision: '110104', movedOn: '2020-01-01' }, 'toDivision', 'abolished'],
  ])(
    'refuses a move %s with 400 naming the field and rule, writing nothing',
    async (_, change, path, rule) => {
      const before = await gs.counts();
      const r = await move({ residentId, ...change });
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await gs.counts()).toEqual(before);
    },
  );

  it('refuses an unknown resident with 404 and a dead one with 409', async () => {
    const unknown = await move({
      residentId: unissuedResidentId(),
      toDivision: '310101',
      movedOn: '2020-01-01',
    });
    expect(unknown.status).toBe(404);
    const dead = await gs.born({
      name: '钱老',
      sex: 'male',
      birthDate: '1940-01-01',
      divisionCode: '310101',
    });
    const death = {
      residentId: dead,
      diedOn: '2021-01-01',
      placeDivision: '310101',
      certificateNo: 'M310101001',
    };
    expect((await gs.call('deaths.record', death, await gs.token(perm.death))).status).toBe(200);
    const before = await gs.counts();
    const r = await move({ residentId: dead, toDivision: '110101', movedOn: '2020-01-01' });
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'residentId', rule: 'dead' });
    expect(await gs.counts()).toEqual(before);
  });

  it('refuses missing and unknown fields, and callers without the permission', async () => {
    const missing = await move({ residentId, movedOn: '2020-01-01' });
    expect(missing.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'toDivision', rule: 'required' }),
    ]);
    const extra = await move({ residentId, toDivision: '310101', movedOn: '2020-01-01', reason: 'work' });
    expect(extra.error?.data.issues?.[0]).toMatchObject({ rule: 'unknown_field' });
    const input = { residentId, toDivision: '310101', movedOn: '2020-01-01' };
    expect((await gs.call('moves.record', input, await gs.token(perm.read))).status).toBe(403);
    expect((await gs.call('moves.record', input)).status).toBe(401);
  });
});
