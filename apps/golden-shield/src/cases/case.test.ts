import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenShield, type GoldenShieldTestApp, unissuedResidentId } from '../test.fixture.ts';

const grounds = 'many cash deposits just under the reporting threshold, then one transfer abroad';
const company = '91110105MA00000X3T';

describe.each(databaseTargets())('cases opened on referral on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let fs: string;
  let tax: string;
  let customs: string;
  let residentId: string;
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    fs = await gs.identity.serviceToken({
      app: 'financial-supervision',
      permissions: ['golden-shield.case.open', 'golden-shield.case.read'],
    });
    tax = await gs.identity.serviceToken({
      app: 'golden-tax',
      permissions: ['golden-shield.case.attach', 'golden-shield.case.read'],
    });
    customs = await gs.identity.serviceToken({
      app: 'golden-customs',
      permissions: ['golden-shield.case.attach'],
    });
    residentId = await gs.born({
      name: '李四',
      sex: 'male',
      birthDate: '1985-03-12',
      divisionCode: '110105',
    });
  });
  afterAll(() => gs.close());

  const open = (patch: Record<string, unknown> = {}, token = fs) =>
    gs.call(
      'cases.open',
      {
        residentId,
        name: '李四',
        sourceReference: `STR-${Math.random().toString(36).slice(2, 10)}`,
        grounds,
        referrals: [
          { app: 'golden-tax', subject: company, periodFrom: '2025-01-01', periodTo: '2025-06-30' },
        ],
        ...patch,
      },
      token,
    );

  it('opens one case per reference for the opener, which alone reads it, IDs masked', async () => {
    const first = await open({ sourceReference: 'STR-1' });
    expect(first.status, first.error?.message).toBe(200);
    const again = await open({ sourceReference: 'STR-1' });
    expect(again.data).toEqual(first.data);
    const { caseNo } = first.data as { caseNo: string };
    expect(caseNo).toMatch(/^AML-\d{4}-\d{6}$/);
    const read = await gs.call('cases.get', { caseNo }, fs, 'query');
    expect(read.data).toMatchObject({
      caseNo,
      name: '李四',
      openedFor: 'financial-supervision',
      findings: [],
    });
    expect((read.data as { residentId: string }).residentId).toContain('*');
    const byTax = await gs.call('cases.get', { caseNo }, tax, 'query');
    expect(byTax.status).toBe(403);
    expect(byTax.error?.data.issues?.[0]).toMatchObject({ rule: 'not_case_party' });
  });

  it('takes findings from a referred agency once, and from no other', async () => {
    const { caseNo } = (await open()).data as { caseNo: string };
    const finding = { caseNo, kind: 'tax-invoices', summary: '12 invoices issued', details: { issued: 12 } };
    const before = await gs.counts();
    const stranger = await gs.call('cases.attach', finding, customs);
    expect(stranger.status).toBe(403);
    expect(stranger.error?.data.issues?.[0]).toMatchObject({ rule: 'not_referred' });
    expect(await gs.counts()).toEqual(before);
    expect((await gs.call('cases.attach', finding, tax)).status).toBe(200);
    const twice = await gs.call('cases.attach', finding, tax);
    expect(twice.status).toBe(409);
    const read = await gs.call('cases.get', { caseNo }, fs, 'query');
    expect((read.data as { findings: unknown[] }).findings).toEqual([
      expect.objectContaining({ app: 'golden-tax', kind: 'tax-invoices', details: { issued: 12 } }),
    ]);
  });

  it('refuses a person not on file or a wrong name, and short grounds, writing nothing', async () => {
    const before = await gs.counts();
    const missing = await open({ residentId: unissuedResidentId() });
    expect(missing.status).toBe(404);
    const wrong = await open({ name: '王五' });
    expect(wrong.status).toBe(409);
    expect(wrong.error?.data.issues?.[0]).toMatchObject({ path: 'name', rule: 'mismatch' });
    const short = await open({ grounds: 'suspicious' });
    expect(short.status).toBe(400);
    expect(short.error?.data.issues?.[0]).toMatchObject({ path: 'grounds', rule: 'too_small' });
    expect(await gs.counts()).toEqual(before);
  });
});
