import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenShield, type GoldenShieldTestApp, perm, unissuedResidentId } from '../test.fixture.ts';

const purpose = 'tax registration of taxpayer 91350100M000100Y43';
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

describe.each(databaseTargets())('identity.verify on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let verifier: string;
  let grant: string;
  let residentId: string;
  // The tax bureau's app calls under the ministry's grant for catalog resource GS-POP-0001.
  const verify = (input: Record<string, unknown>, token = verifier) =>
    gs.call('identity.verify', input, token, 'mutation', { 'x-egov-grant': grant });
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    verifier = await gs.identity.serviceToken({ app: 'golden-tax', permissions: [perm.verify] });
    grant = await gs.identity.grantToken({
      consumer: 'golden-tax',
      owner: 'golden-shield',
      resource: 'GS-POP-0001',
      procedures: ['identity.verify'],
    });
    residentId = await gs.born({
      name: '买买提·艾力',
      sex: 'male',
      birthDate: '1988-04-02',
      divisionCode: '650102',
    });
  });
  afterAll(() => gs.close());

  it('serves other agencies only under a grant for catalog resource GS-POP-0001', async () => {
    const r = await gs.call('identity.verify', { name: '买买提·艾力', residentId, purpose }, verifier);
    expect(r.status).toBe(403);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'x-egov-grant', rule: 'grant_required' });
  });

  it('answers match, mismatch and not_on_file in responses of one shape', async () => {
    const answers = await Promise.all([
      verify({ name: '买买提·艾力', residentId, purpose }),
      verify({ name: '买买提•艾力', residentId, purpose }), // another interpunct: same name
      verify({ name: '买买提', residentId, purpose }),
      verify({ name: '买买提·艾力', residentId: unissuedResidentId(), purpose }),
    ]);
    expect(answers.map((a) => a.data)).toEqual([
      { result: 'match' },
      { result: 'match' },
      { result: 'mismatch' },
      { result: 'not_on_file' },
    ]);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(Object.keys(a.data as object)).toEqual(['result']);
    }
  });

  it('still answers match for a resident recorded dead: identity, not status, is asked', async () => {
    const death = {
      residentId,
      diedOn: '2024-02-02',
      placeDivision: '650102',
      certificateNo: 'X650102000001',
    };
    expect((await gs.call('deaths.record', death, await gs.token(perm.death))).status).toBe(200);
    expect((await verify({ name: '买买提·艾力', residentId, purpose })).data).toEqual({ result: 'match' });
  });

  it('logs every check with its caller, purpose and result', async () => {
    const rows = await gs.db.selectFrom('verification_log').select(['caller', 'purpose', 'result']).execute();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.caller))).toEqual(new Set(['service:golden-tax']));
    expect(rows.every((r) => r.purpose === purpose)).toBe(true);
    expect(rows.map((r) => r.result).sort()).toEqual(['match', 'match', 'match', 'mismatch', 'not_on_file']);
  });

  it.each([
    ['no purpose', { purpose: undefined }, 'purpose', 'required'],
    ['a purpose under 10 characters', { purpose: 'checking ' }, 'purpose', 'too_small'],
    ['a purpose over 200 characters', { purpose: 'p'.repeat(201) }, 'purpose', 'too_big'],
    ['a bad check digit', { residentId: wrongCheckDigit(unissuedResidentId()) }, 'residentId', 'check_digit'],
    ['a malformed ID', { residentId: `${unissuedResidentId().slice(0, 17)}Z` }, 'residentId', 'format'],
    ['no name', { name: undefined }, 'name', 'required'],
    ['an unknown field', { reveal: true }, '(input)', 'unknown_field'],
  ])('refuses %s with 400 naming the field, logging nothing', async (_, change, path, rule) => {
    const before = await gs.counts();
    const r = await verify({ name: '买买提·艾力', residentId, purpose, ...change });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await gs.counts()).toEqual(before);
  });

  it('is forbidden without the permission and unauthorised without a token', async () => {
    const input = { name: '买买提·艾力', residentId, purpose };
    expect((await verify(input, await gs.token(perm.read, perm.reveal))).status).toBe(403);
    expect((await gs.call('identity.verify', input)).status).toBe(401);
  });
});
