import { CREDIT_CODE_ALPHABET } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootSocialSecurity,
  enrolled,
  freshCreditCode,
  freshResident,
  perm,
  registered,
  type SocialSecurityTestApp,
} from '../test.fixture.ts';

/** The same code with another check character. */
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === CREDIT_CODE_ALPHABET[0] ? '1' : '0');

describe.each(databaseTargets())('employers and employments on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.registerEmployer, perm.employment, perm.readEmployer);
  });
  afterAll(() => ss.close());

  const record = (input: Record<string, unknown>) => ss.call('employments.record', input, officer);

  it('registers an employer by credit code with its division, once (409 the second time), audited', async () => {
    const creditCode = freshCreditCode('310115');
    const r = await ss.call('employers.register', { creditCode, name: ' 上海浦东测试有限公司 ' }, officer);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ creditCode, name: '上海浦东测试有限公司', divisionCode: '310115' });
    expect((await ss.audit('employers.register')).at(-1)).toMatchObject({
      outcome: 'ok',
      object_ids: [`employer:${creditCode}`],
    });
    const before = await ss.counts();
    const again = await ss.call('employers.register', { creditCode, name: '别的名字' }, officer);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'creditCode', rule: 'already_registered' }),
    ]);
    expect(await ss.counts()).toEqual(before);
  });

  it('refuses a credit code with a wrong check character (400 creditCode check_digit), writing nothing', async () => {
    const before = await ss.counts();
    const r = await ss.call(
      'employers.register',
      { creditCode: wrongCheck(freshCreditCode()), name: '某公司' },
      officer,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'creditCode', rule: 'check_digit' }),
    ]);
    expect(await ss.counts()).toEqual(before);
  });

  it('records employment periods and lists the employees, IDs masked', async () => {
    const creditCode = await registered(ss);
    const a = await enrolled(ss, '陈一');
    const b = await enrolled(ss, '陈二', { sex: 'female' });
    expect(
      (await record({ creditCode, residentId: a, startOn: '2024-01-01', endOn: '2024-12-31' })).status,
    ).toBe(200);
    expect((await record({ creditCode, residentId: a, startOn: '2025-03-01' })).status).toBe(200);
    expect((await record({ creditCode, residentId: b, startOn: '2025-01-15', endOn: null })).status).toBe(
      200,
    );
    const r = await ss.call('employers.get', { creditCode }, officer, 'query');
    expect(r.data).toMatchObject({
      revealed: false,
      employments: [
        {
          name: '陈一',
          startOn: '2024-01-01',
          endOn: '2024-12-31',
          residentId: expect.stringContaining('*'),
        },
        { name: '陈二', startOn: '2025-01-15', endOn: null },
        { name: '陈一', startOn: '2025-03-01', endOn: null },
      ],
    });
  });

  it.each([
    ['the same open period', { startOn: '2025-01-01' }],
    ['a period ending on the first day of the other', { startOn: '2024-06-01', endOn: '2025-01-01' }],
    ['a period inside the other', { startOn: '2025-05-01', endOn: '2025-05-31' }],
  ])(
    'refuses %s for one person at one employer (409 overlapping_employment), writing nothing',
    async (_w, period) => {
      const creditCode = await registered(ss);
      const residentId = await enrolled(ss, '林峰');
      expect((await record({ creditCode, residentId, startOn: '2025-01-01' })).status).toBe(200);
      const before = await ss.counts();
      const r = await record({ creditCode, residentId, ...period });
      expect(r.status).toBe(409);
      expect(r.error?.data.issues).toEqual([
        expect.objectContaining({ path: 'startOn', rule: 'overlapping_employment' }),
      ]);
      expect(await ss.counts()).toEqual(before);
    },
  );

  it('lets one person hold overlapping periods at two employers, and keeps one of two concurrent clashing records', async () => {
    const [one, two] = [await registered(ss), await registered(ss)];
    const residentId = await enrolled(ss, '何静', { sex: 'female' });
    expect((await record({ creditCode: one, residentId, startOn: '2025-01-01' })).status).toBe(200);
    expect((await record({ creditCode: two, residentId, startOn: '2025-01-01' })).status).toBe(200);
    const three = await registered(ss);
    const rs = await Promise.all(
      ['2025-02-01', '2025-03-01'].map((startOn) => record({ creditCode: three, residentId, startOn })),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['endOn', () => ({ startOn: '2025-03-01', endOn: '2025-02-28' }), 'end_before_start'],
    ['startOn', () => ({ startOn: '2025-02-30' }), 'invalid_format'],
    ['creditCode', () => ({ creditCode: freshCreditCode() }), 'not_registered'],
    ['creditCode', () => ({ creditCode: wrongCheck(freshCreditCode()) }), 'check_digit'],
    ['residentId', () => ({ residentId: freshResident(ss.shield, '未参保') }), 'not_insured'],
  ])('refuses a bad %s with 400 naming the rule (%s), writing nothing', async (path, patch, rule) => {
    const creditCode = await registered(ss);
    const residentId = await enrolled(ss, '郑凯');
    const before = await ss.counts();
    const r = await record({ creditCode, residentId, startOn: '2025-01-01', ...patch() });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await ss.counts()).toEqual(before);
  });
});
