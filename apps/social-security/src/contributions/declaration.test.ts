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
import { MAX_MONTHLY_WAGE_FEN } from './contribution.rules.ts';

describe.each(databaseTargets())('contribution declarations on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  let creditCode: string;
  let a: string;
  let b: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.employment, perm.file, perm.readDeclaration, perm.setWage, perm.readWage);
    creditCode = await registered(ss);
    a = await enrolled(ss, '马明');
    b = await enrolled(ss, '马丽', { sex: 'female' });
    for (const residentId of [a, b])
      expect(
        (await ss.call('employments.record', { creditCode, residentId, startOn: '2023-01-01' }, officer))
          .status,
      ).toBe(200);
  });
  afterAll(() => ss.close());

  const file = (input: Record<string, unknown>) =>
    ss.call('declarations.file', { creditCode, ...input }, officer);

  it('files a month on the stated 2024 default: bases clamped, 16 % and 8 % half-up, the 8 % credited, audited', async () => {
    const r = await file({
      period: '2024-06',
      lines: [
        { residentId: a, wageFen: 800_000 },
        { residentId: b, wageFen: 0 },
      ],
    });
    expect(r.status).toBe(200);
    // 2024 default 124,110 yuan a year: monthly 10,342.50, floor 6,205.50, cap 31,027.50.
    expect(r.data).toMatchObject({
      period: '2024-06',
      averageWage: { annualFen: 12_411_000, source: 'national-default' },
      rates: { employer: '0.16', employee: '0.08' },
      employerFen: 128_000 + 99_288,
      employeeFen: 64_000 + 49_644,
      revealed: false,
    });
    const lines = (r.data as { lines: { name: string }[] }).lines;
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '马明',
          wageFen: 800_000,
          baseFen: 800_000,
          employerFen: 128_000,
          employeeFen: 64_000,
        }),
        expect.objectContaining({
          name: '马丽',
          wageFen: 0,
          baseFen: 620_550,
          employerFen: 99_288,
          employeeFen: 49_644,
        }),
      ]),
    );
    const account = await ss.call('declarations.account', { residentId: a }, officer, 'query');
    expect(account.data).toMatchObject({
      balanceFen: '64000',
      entries: [{ period: '2024-06', amountFen: 64_000 }],
    });
    const audit = (await ss.audit('declarations.file')).at(-1);
    expect(audit).toMatchObject({ kind: 'mutation', outcome: 'ok' });
    expect(audit?.object_ids).toEqual(
      expect.arrayContaining([`employer:${creditCode}`, expect.stringMatching(/^declaration:\d+$/)]),
    );
    expect(JSON.stringify(audit)).not.toContain(a);
  });

  it('uses the local average wage once set, marked local, and reads the declaration back', async () => {
    const set = await ss.call('wages.set', { year: 2025, annualFen: 12_000_000 }, officer);
    expect(set.data).toMatchObject({
      year: 2025,
      source: 'local',
      monthlyAverageFen: 1_000_000,
      floorFen: 600_000,
      capFen: 3_000_000,
    });
    const r = await file({ period: '2025-01', lines: [{ residentId: a, wageFen: 9_000_000 }] });
    expect(r.data).toMatchObject({
      averageWage: { source: 'local' },
      employerFen: 480_000,
      employeeFen: 240_000,
    });
    const back = await ss.call('declarations.get', { creditCode, period: '2025-01' }, officer, 'query');
    expect(back.data).toEqual(r.data);
    const account = await ss.call('declarations.account', { residentId: a }, officer, 'query');
    expect(account.data).toMatchObject({ balanceFen: String(64_000 + 240_000) });
  });

  it('takes one declaration per employer and month (409), writing nothing the second time', async () => {
    expect((await file({ period: '2024-07', lines: [{ residentId: a, wageFen: 800_000 }] })).status).toBe(
      200,
    );
    const before = await ss.counts();
    const r = await file({ period: '2024-07', lines: [{ residentId: b, wageFen: 800_000 }] });
    expect(r.status).toBe(409);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'period', rule: 'already_declared' }),
    ]);
    expect(await ss.counts()).toEqual(before);
  });

  const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === CREDIT_CODE_ALPHABET[0] ? '1' : '0');
  it.each([
    ['lines.0.wageFen', () => ({ lines: [{ residentId: a, wageFen: -1 }] }), 'negative'],
    [
      'lines.0.wageFen',
      () => ({ lines: [{ residentId: a, wageFen: MAX_MONTHLY_WAGE_FEN + 1 }] }),
      'implausible',
    ],
    ['lines.0.wageFen', () => ({ lines: [{ residentId: a, wageFen: 100.5 }] }), 'integer_fen'],
    ['period', () => ({ period: '2099-01' }), 'in_future'],
    ['period', () => ({ period: '2024-13' }), 'format'],
    ['period', () => ({ period: '2022-03' }), 'no_average_wage'],
    ['creditCode', () => ({ creditCode: wrongCheck(freshCreditCode()) }), 'check_digit'],
    ['creditCode', () => ({ creditCode: freshCreditCode() }), 'not_registered'],
    [
      'lines.0.residentId',
      () => ({ lines: [{ residentId: freshResident(ss.shield, '外人'), wageFen: 1 }] }),
      'not_insured',
    ],
    [
      'lines.1.residentId',
      () => ({
        lines: [
          { residentId: a, wageFen: 1 },
          { residentId: a, wageFen: 2 },
        ],
      }),
      'duplicate',
    ],
    ['lines', () => ({ lines: [] }), 'too_small'],
  ])('refuses a bad %s with 400 naming the rule (%s), writing nothing', async (path, patch, rule) => {
    const before = await ss.counts();
    const r = await file({ period: '2024-08', lines: [{ residentId: a, wageFen: 800_000 }], ...patch() });
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await ss.counts()).toEqual(before);
  });

  it('refuses a person the employer did not employ in the month (400 not_employed)', async () => {
    const c = await enrolled(ss, '马超');
    expect(
      (await ss.call('employments.record', { creditCode, residentId: c, startOn: '2024-09-02' }, officer))
        .status,
    ).toBe(200);
    const before = await ss.counts();
    const r = await file({ period: '2024-08', lines: [{ residentId: c, wageFen: 800_000 }] });
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'lines.0.residentId', rule: 'not_employed' }),
    ]);
    expect(await ss.counts()).toEqual(before);
    // Employed from the 2nd: September counts.
    expect((await file({ period: '2024-09', lines: [{ residentId: c, wageFen: 800_000 }] })).status).toBe(
      200,
    );
  });

  it('refuses a filer without the permission (403) and an implausible average wage (400)', async () => {
    const reader = await ss.token(perm.readDeclaration);
    expect(
      (
        await ss.call(
          'declarations.file',
          { creditCode, period: '2024-10', lines: [{ residentId: a, wageFen: 1 }] },
          reader,
        )
      ).status,
    ).toBe(403);
    const r = await ss.call('wages.set', { year: 2026, annualFen: 2_000_000_000 }, officer);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'annualFen', rule: 'implausible' }),
    ]);
  });
});
