import { issueResidentId } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenShield, type GoldenShieldTestApp, perm, unissuedResidentId } from '../test.fixture.ts';

describe.each(databaseTargets())('residents.get on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let residentId: string;
  const get = async (input: unknown, token?: string) => gs.call('residents.get', input, token, 'query');
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    residentId = await gs.born({
      name: '周婷',
      sex: 'female',
      birthDate: '1999-09-09',
      divisionCode: '310101',
    });
  });
  afterAll(() => gs.close());

  it('shows a clerk who may only read the ID masked', async () => {
    const r = await get({ residentId }, await gs.token(perm.read));
    expect(r.status).toBe(200);
    expect(r.data).toEqual({
      residentId: `310***********${residentId.slice(-4)}`,
      revealed: false,
      name: '周婷',
      sex: 'female',
      birthDate: '1999-09-09',
      householdDivision: { code: '310101', name: '黄浦区' },
      status: 'alive',
      diedOn: null,
    });
  });

  it('shows a holder of reveal the full ID', async () => {
    const r = await get({ residentId }, await gs.token(perm.read, perm.reveal));
    expect(r.data).toMatchObject({ residentId, revealed: true });
  });

  it('accepts a lower-case check x', async () => {
    const withX = issueResidentId({ division: '110105', birthDate: '1949-12-31', sequence: 2 });
    expect(withX.endsWith('X')).toBe(true);
    const r = await get({ residentId: withX.toLowerCase() }, await gs.token(perm.read));
    expect(r.status).toBe(404); // well-formed, just not on file
  });

  it('answers NOT_FOUND for a valid ID nobody holds', async () => {
    const r = await get({ residentId: unissuedResidentId() }, await gs.token(perm.read));
    expect(r.status).toBe(404);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'residentId' });
  });

  it.each([
    ['check_digit', () => residentId.slice(0, 17) + (residentId.endsWith('0') ? '1' : '0')],
    ['length', () => residentId.slice(0, 17)],
    ['format', () => `${residentId.slice(0, 16)}AB`],
    ['division', () => `99${residentId.slice(2)}`],
    ['birth_date', () => `31010119990230${residentId.slice(14)}`],
  ])('refuses an ID with a bad %s with 400 naming residentId and the part', async (rule, bad) => {
    const r = await get({ residentId: bad() }, await gs.token(perm.read));
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'residentId', rule })]);
  });

  it('refuses unknown fields, and callers without a token or the read permission', async () => {
    const token = await gs.token(perm.read);
    const extra = await get({ residentId, includeHistory: true }, token);
    expect(extra.error?.data.issues?.[0]).toMatchObject({ rule: 'unknown_field' });
    expect((await get({ residentId })).status).toBe(401);
    expect((await get({ residentId }, await gs.token(perm.reveal))).status).toBe(403);
  });
});
