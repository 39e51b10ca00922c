import { databaseTargets } from '@egov/testing';
import { validateResidentId } from '@egov/standards';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenShield, type GoldenShieldTestApp, perm, tomorrowInChina } from '../test.fixture.ts';

const birth = { name: '林小雨', sex: 'female', birthDate: '2024-05-01', divisionCode: '350102' } as const;

describe.each(databaseTargets())('births.register on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let registrar: string;
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    registrar = await gs.token(perm.register, perm.reveal);
  });
  afterAll(() => gs.close());

  it('issues a valid resident ID whose sequence parity gives the sex', async () => {
    const girl = await gs.call('births.register', birth, registrar);
    expect(girl.status).toBe(200);
    expect(girl.data).toMatchObject({
      revealed: true,
      name: '林小雨',
      sex: 'female',
      birthDate: '2024-05-01',
      householdDivision: { code: '350102', name: '鼓楼区' },
      status: 'alive',
      diedOn: null,
    });
    const id = (girl.data as { residentId: string }).residentId;
    const checked = validateResidentId(id);
    expect(checked.ok && checked.parts).toMatchObject({
      division: '350102',
      birthDate: '2024-05-01',
      sex: 'female',
    });
    expect(id.slice(14, 17)).toBe('002');

    const boy = await gs.call('births.register', { ...birth, name: ' 林小山 ', sex: 'male' }, registrar);
    expect(boy.data).toMatchObject({ name: '林小山', sex: 'male' });
    expect((boy.data as { residentId: string }).residentId.slice(14, 17)).toBe('001');
  });

  it('masks the issued ID for a registrar who may not reveal', async () => {
    const r = await gs.call('births.register', { ...birth, name: '林小花' }, await gs.token(perm.register));
    expect(r.data).toMatchObject({
      revealed: false,
      residentId: expect.stringMatching(/^350\*{11}\d{3}[\dX]$/),
    });
  });

  it('gives 20 parallel births in one division and day 20 distinct valid IDs', async () => {
    const day = { divisionCode: '110101', birthDate: '2024-06-01' };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        gs.call('births.register', { ...day, name: `并行${i}`, sex: i % 2 ? 'male' : 'female' }, registrar),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const views = results.map((r) => r.data as { residentId: string; sex: string });
    expect(new Set(views.map((v) => v.residentId)).size).toBe(20);
    for (const view of views) {
      const checked = validateResidentId(view.residentId);
      expect(checked.ok && checked.parts.sex).toBe(view.sex);
    }
    const sequences = views.map((v) => Number(v.residentId.slice(14, 17))).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses with CONFLICT once a sex has no sequence code left for that day and division', async () => {
    const day = { divisionCode: '310101', birthDate: '2020-01-01' };
    await gs.born({ ...day, name: '满号', sex: 'male' });
    await gs.db
      .updateTable('id_sequence')
      .set({ last_sequence: 999 })
      .where('division', '=', '310101')
      .execute();
    const before = await gs.counts();
    const full = await gs.call('births.register', { ...day, name: '无号', sex: 'male' }, registrar);
    expect(full.status).toBe(409);
    expect(full.error?.data.issues?.[0]).toMatchObject({ path: 'birthDate', rule: 'sequence_exhausted' });
    expect(await gs.counts()).toEqual(before);
    // The other parity is a separate space.
    expect(
      (await gs.call('births.register', { ...day, name: '有号', sex: 'female' }, registrar)).status,
    ).toBe(200);
  });

  it.each([
    ['Feb 30', { birthDate: '2023-02-30' }, 'birthDate', 'calendar_date'],
    ['a future date', { birthDate: tomorrowInChina() }, 'birthDate', 'in_future'],
    ['a date before 1900', { birthDate: '1899-12-31' }, 'birthDate', 'too_early'],
    ['a non-ISO date', { birthDate: '2023/01/02' }, 'birthDate', 'format'],
    ['an unknown division', { divisionCode: '110199' }, 'divisionCode', 'division'],
    ['an unknown province', { divisionCode: '990101' }, 'divisionCode', 'province'],
    ['an abolished division', { divisionCode: '110103' }, 'divisionCode', 'abolished'],
    ['a prefecture, not a county', { divisionCode: '350100' }, 'divisionCode', 'not_county'],
    ['a blank name', { name: '   ' }, 'name', 'too_small'],
    ['a 51-character name', { name: '名'.repeat(51) }, 'name', 'too_big'],
    ['an unknown sex', { sex: 'x' }, 'sex', 'invalid_value'],
    ['an unknown field', { motherId: '1' }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field and rule, writing nothing', async (_, change, path, rule) => {
    const before = await gs.counts();
    const r = await gs.call('births.register', { ...birth, ...change }, registrar);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gs.counts()).toEqual(before);
  });

  it('refuses a missing field naming it, writing nothing', async () => {
    const before = await gs.counts();
    const { birthDate: _birthDate, ...noDate } = birth;
    const r = await gs.call('births.register', noDate, registrar);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'birthDate', rule: 'required' })]);
    expect(await gs.counts()).toEqual(before);
  });

  it('needs a token (401) and the permission (403)', async () => {
    expect((await gs.call('births.register', birth)).status).toBe(401);
    expect((await gs.call('births.register', birth, await gs.token(perm.read))).status).toBe(403);
  });

  it('issues IDs that decode back to the birth date, division and sex given', async () => {
    const divisions = ['110101', '110105', '310115', '440106', '510104', '650102'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...divisions),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }),
        fc.constantFrom('male', 'female'),
        async (divisionCode, date, sex) => {
          const birthDate = date.toISOString().slice(0, 10);
          const r = await gs.call(
            'births.register',
            { name: '性质', sex, birthDate, divisionCode },
            registrar,
          );
          const checked = validateResidentId((r.data as { residentId: string }).residentId);
          expect(checked.ok && checked.parts).toMatchObject({ division: divisionCode, birthDate, sex });
        },
      ),
      { numRuns: 15 },
    );
  });
});
