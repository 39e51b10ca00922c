import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootSocialSecurity,
  freshCreditCode,
  freshResident,
  perm,
  type SocialSecurityTestApp,
} from '../test.fixture.ts';
import { ENROLMENT_PURPOSE } from './insured.service.ts';

describe.each(databaseTargets())('insured persons on $name', (target) => {
  let ss: SocialSecurityTestApp;
  let officer: string;
  beforeAll(async () => {
    ss = await bootSocialSecurity(target);
    officer = await ss.token(perm.enrol, perm.readInsured);
  });
  afterAll(() => ss.close());

  it('enrols a person golden-shield confirms, over the network, audited on both sides, ID masked', async () => {
    const residentId = freshResident(ss.shield, '王芳', { sex: 'female', birthDate: '1985-03-02' });
    const r = await ss.call('insured.enrol', { residentId, name: ' 王芳 ' }, officer);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({
      residentId: `${residentId.slice(0, 3)}***********${residentId.slice(14)}`,
      revealed: false,
      name: '王芳',
      sex: 'female',
      birthDate: '1985-03-02',
    });
    expect(ss.shield.asked.at(-1)).toEqual({
      residentId,
      purpose: ENROLMENT_PURPOSE,
      caller: 'service:social-security',
    });
    const ours = (await ss.audit('insured.enrol')).at(-1);
    expect(ours).toMatchObject({ kind: 'mutation', outcome: 'ok' });
    expect(ours?.object_ids).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^insured:[0-9a-f-]{36}$/),
        'call-out:golden-shield/identity.verify',
      ]),
    );
    expect(JSON.stringify(ours)).not.toContain(residentId);
    const theirs = (await ss.audit('identity.verify', 'theirs')).at(-1);
    // golden-shield records its side of the call (a mutation there, by social-security's service identity).
    expect(theirs).toMatchObject({ kind: 'mutation', actor: 'service:social-security', outcome: 'ok' });
  });

  it('shows the full ID only to a holder of the reveal permission, and audits the reveal', async () => {
    const residentId = freshResident(ss.shield, '李强');
    expect((await ss.call('insured.enrol', { residentId, name: '李强' }, officer)).status).toBe(200);
    const masked = await ss.call('insured.get', { residentId }, await ss.token(perm.readInsured), 'query');
    expect(masked.data).toMatchObject({ revealed: false, residentId: expect.stringContaining('*') });
    const full = await ss.call(
      'insured.get',
      { residentId },
      await ss.token(perm.readInsured, perm.reveal),
      'query',
    );
    expect(full.data).toMatchObject({ revealed: true, residentId });
    expect((await ss.audit('insured.get')).at(-1)).toMatchObject({ kind: 'reveal', outcome: 'ok' });
  });

  it('never enrols a resident ID twice (409), and does not ask golden-shield again', async () => {
    const residentId = freshResident(ss.shield, '赵敏');
    expect((await ss.call('insured.enrol', { residentId, name: '赵敏' }, officer)).status).toBe(200);
    const asked = ss.shield.asked.length;
    const before = await ss.counts();
    const r = await ss.call('insured.enrol', { residentId, name: '赵敏' }, officer);
    expect(r.status).toBe(409);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'residentId', rule: 'already_enrolled' }),
    ]);
    expect(ss.shield.asked).toHaveLength(asked);
    expect(await ss.counts()).toEqual(before);
  });

  it('enrols one of two concurrent enrolments of the same ID; the other gets 409', async () => {
    const residentId = freshResident(ss.shield, '孙丽');
    const rs = await Promise.all(
      [1, 2].map(() => ss.call('insured.enrol', { residentId, name: '孙丽' }, officer)),
    );
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it.each([
    ['an ID golden-shield does not know', { known: false }, '张三', 'not_on_file'],
    ['a name that does not match the ID', {}, '李四', 'mismatch'],
  ])('refuses %s with 400 on residentId, writing nothing', async (_what, options, name, rule) => {
    const residentId = freshResident(ss.shield, '张三', options);
    const before = await ss.counts();
    const r = await ss.call('insured.enrol', { residentId, name }, officer);
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path: 'residentId', rule })]);
    expect(await ss.counts()).toEqual(before);
  });

  const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
  it.each([
    ['residentId', { residentId: wrongCheck('11010519491231002X') }, 'check_digit'],
    ['residentId', { residentId: '11010519900517' }, 'length'],
    ['name', { name: '  ' }, 'too_small'],
  ])(
    'refuses a bad %s (%o) with 400 naming the rule, without asking golden-shield',
    async (path, patch, rule) => {
      const asked = ss.shield.asked.length;
      const before = await ss.counts();
      const r = await ss.call(
        'insured.enrol',
        { residentId: freshResident(ss.shield, '周杰'), name: '周杰', ...patch },
        officer,
      );
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(ss.shield.asked).toHaveLength(asked);
      expect(await ss.counts()).toEqual(before);
    },
  );

  it('refuses a reader (403) and passes golden-shield being down on as 503, writing nothing', async () => {
    const residentId = freshResident(ss.shield, '吴磊');
    const before = await ss.counts();
    const reader = await ss.token(perm.readInsured);
    expect((await ss.call('insured.enrol', { residentId, name: '吴磊' }, reader)).status).toBe(403);
    const { DomainError } = await import('@egov/kernel/errors');
    ss.shield.state.outage = new DomainError('UNAVAILABLE', 'population base under maintenance');
    try {
      expect((await ss.call('insured.enrol', { residentId, name: '吴磊' }, officer)).status).toBe(503);
    } finally {
      ss.shield.state.outage = undefined;
    }
    expect(await ss.counts()).toEqual(before);
  });

  it('says when a pension may start: the statutory month (2024 measures) and the minimum contribution period', async () => {
    const residentId = freshResident(ss.shield, '钱进', { birthDate: '1965-05-20' });
    expect((await ss.call('insured.enrol', { residentId, name: '钱进' }, officer)).status).toBe(200);
    const ask = (month: string, category = 'male') =>
      ss.call('insured.eligibility', { residentId, category, month }, officer, 'query');
    // Born May 1965: 60 years 2 months, July 2025; 180 months needed on retiring before 2030.
    const statutory = {
      retirementMonth: '2025-07',
      age: { years: 60, months: 2 },
      minimumContributionMonths: 180,
    };
    expect((await ask('2025-06')).data).toEqual({
      ...statutory,
      contributionMonths: 0,
      eligible: false,
      rule: 'before_statutory_age',
    });
    expect((await ask('2025-07')).data).toMatchObject({ eligible: false, rule: 'contribution_too_short' });
    // 180 months credited (written straight into the tables: declaring them one by one is the declarations' test).
    const person = await ss.db
      .selectFrom('insured_person')
      .select('uuid')
      .where('resident_id', '=', residentId)
      .executeTakeFirstOrThrow();
    const code = freshCreditCode();
    const t = (name: string) => sql.table(`${ss.app.database.schema}.${name}`);
    await sql`insert into ${t('employer')} values (${code}, '历史单位', '110105', 'test', now())`.execute(
      ss.db,
    );
    await sql`
      with d as (
        insert into ${t('declaration')} (employer_code, period, annual_average_fen, average_source,
          employer_rate, employee_rate, employer_fen, employee_fen, filed_by, filed_at)
        select ${code}, to_char(date '2010-01-01' + make_interval(months => i), 'YYYY-MM'), 1, 'local', '0.16', '0.08', 0, 0, 'test', now()
        from generate_series(0, 179) as i
        returning id, period)
      insert into ${t('personal_account_entry')} (insured_uuid, period, amount_fen, declaration_id, credited_at)
      select ${person.uuid}, period, 0, id, now() from d`.execute(ss.db);
    expect((await ask('2025-07')).data).toEqual({
      ...statutory,
      contributionMonths: 180,
      eligible: true,
      rule: null,
    });
    const wrong = await ask('2025-07', 'female-worker');
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'category', rule: 'category_sex' }),
    ]);
  });
});
