import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { CREDIT_CODE_ALPHABET } from '@egov/standards';
import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { financialSupervision } from '../app.ts';
import { seedFinancialSupervision } from '../seed.ts';
import { auditOf, bootFs, type FsTestApp, freshCreditCode, perm } from '../test.fixture.ts';

const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === CREDIT_CODE_ALPHABET[0] ? '1' : '0');

describe.each(databaseTargets())('the registry of financial institutions on $name', (target) => {
  let app: FsTestApp;
  let token: string;
  beforeAll(async () => {
    app = await bootFs(target);
    token = await app.token(perm.register, perm.readInstitution);
  });
  afterAll(() => app.close());

  it('registers an institution once (409 for its code or its licence again), audited', async () => {
    const creditCode = freshCreditCode();
    const input = { creditCode, name: ' 测试银行 ', kind: 'bank', licenceNo: 'B0099H111000001' };
    const r = await app.call('institutions.register', input, token);
    expect(r.status, r.error?.message).toBe(200);
    expect(r.data).toMatchObject({ creditCode, name: '测试银行', status: 'active' });
    expect((await auditOf(app, 'institutions.register')).at(-1)).toMatchObject({
      outcome: 'ok',
      object_ids: [`institution:${creditCode}`],
    });
    const before = await app.counts();
    const again = await app.call('institutions.register', input, token);
    expect(again.status).toBe(409);
    expect(again.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'creditCode', rule: 'already_registered' }),
    ]);
    const licence = await app.call(
      'institutions.register',
      { ...input, creditCode: freshCreditCode() },
      token,
    );
    expect(licence.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'licenceNo', rule: 'already_registered' }),
    ]);
    expect(await app.counts()).toEqual(before);
  });

  it.each([
    ['creditCode', () => ({ creditCode: wrongCheck(freshCreditCode()) }), 'check_digit'],
    ['creditCode', () => ({ creditCode: 'ABC' }), 'length'],
    ['kind', () => ({ kind: 'pawnshop' }), 'invalid_value'],
    ['licenceNo', () => ({ licenceNo: 'b1' }), 'invalid_format'],
    ['(input)', () => ({ extra: true }), 'unknown_field'],
  ])('refuses a bad %s with 400 naming the rule, writing nothing', async (path, patch, rule) => {
    const before = await app.counts();
    const r = await app.call(
      'institutions.register',
      {
        creditCode: freshCreditCode(),
        name: '某银行',
        kind: 'bank',
        licenceNo: 'B0098H111000001',
        ...patch(),
      },
      token,
    );
    expect(r.status).toBe(400);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await app.counts()).toEqual(before);
  });

  it('suspends and revokes; a revoked licence is final', async () => {
    const creditCode = freshCreditCode();
    await app.call(
      'institutions.register',
      { creditCode, name: '将撤销银行', kind: 'bank', licenceNo: `B${creditCode.slice(8, 17)}` },
      token,
    );
    expect(
      (await app.call('institutions.setStatus', { creditCode, status: 'suspended' }, token)).data,
    ).toMatchObject({ status: 'suspended' });
    expect((await app.call('institutions.setStatus', { creditCode, status: 'revoked' }, token)).status).toBe(
      200,
    );
    const back = await app.call('institutions.setStatus', { creditCode, status: 'active' }, token);
    expect(back.status).toBe(409);
    expect(back.error?.data.issues?.[0]).toMatchObject({ path: 'status', rule: 'revoked' });
  });

  it('refuses a reader (FORBIDDEN) and an anonymous caller (UNAUTHORIZED)', async () => {
    const input = {
      creditCode: freshCreditCode(),
      name: '某银行',
      kind: 'bank',
      licenceNo: 'B0097H111000001',
    };
    expect(
      (await app.call('institutions.register', input, await app.token(perm.readInstitution))).status,
    ).toBe(403);
    expect((await app.call('institutions.register', input)).status).toBe(401);
  });

  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(financialSupervision.router)).toEqual([]);
    const declared = listProcedures(financialSupervision.router).filter((p) => !p.path.startsWith('audit.'));
    for (const p of declared)
      expect(Object.keys(financialSupervision.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });

  it('seeds its demo institutions once', async () => {
    await seedFinancialSupervision(app.app.database, silentLogger());
    const first = await app.counts();
    await seedFinancialSupervision(app.app.database, silentLogger());
    expect(await app.counts()).toEqual(first);
  });
});
