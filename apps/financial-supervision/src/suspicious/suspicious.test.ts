import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootFs,
  type FsTestApp,
  freshCreditCode,
  freshResidentId,
  perm,
  registered,
} from '../test.fixture.ts';

const grounds = 'cash deposits split just under the reporting threshold over three days';

describe.each(databaseTargets())('suspicious transaction reports on $name', (target) => {
  let app: FsTestApp;
  let analyst: string;
  let bank: string;
  beforeAll(async () => {
    app = await bootFs(target);
    analyst = await app.token(perm.fileSuspicious, perm.readSuspicious);
    bank = await registered(app);
  });
  afterAll(() => app.close());

  const report = (patch: Record<string, unknown> = {}) => ({
    institution: bank,
    subject: { residentId: freshResidentId(), name: '王五' },
    relatedCompany: freshCreditCode(),
    periodFrom: '2025-03-01',
    periodTo: '2025-03-31',
    currency: 'CNY',
    amountMinor: 0,
    grounds,
    ...patch,
  });

  it('files a report of any amount, zero included, the subject’s ID masked unless revealed', async () => {
    const r = await app.call('suspicious.file', report(), analyst);
    expect(r.status, r.error?.message).toBe(200);
    expect(r.data).toMatchObject({ status: 'filed', amountMinor: 0, caseNo: null });
    const id = (r.data as { id: number }).id;
    expect((r.data as { subjectResidentId: string }).subjectResidentId).toContain('*');
    const revealer = await app.token(perm.readSuspicious, perm.reveal);
    const full = await app.call('suspicious.get', { id }, revealer, 'query');
    expect((full.data as { subjectResidentId: string }).subjectResidentId).not.toContain('*');
  });

  it.each([
    ['grounds', { grounds: 'odd' }, 'too_small', 400],
    ['amountMinor', { amountMinor: 12.5 }, 'integer_minor_unit', 400],
    ['amountMinor', { amountMinor: -1 }, 'negative', 400],
    ['amountMinor', { amountMinor: 1e14 }, 'max_amount', 400],
    ['currency', { currency: 'EUR' }, 'invalid_value', 400],
    [
      'subject.residentId',
      { subject: { residentId: '110105198001010000', name: '王五' } },
      'check_digit',
      400,
    ],
    ['relatedCompany', { relatedCompany: 'ABC' }, 'length', 400],
    ['periodTo', { periodFrom: '2025-04-01', periodTo: '2025-03-01' }, 'period_order', 400],
    ['periodTo', { periodTo: '2999-01-01' }, 'in_future', 400],
  ])('refuses a bad %s naming the rule, writing nothing', async (path, patch, rule, status) => {
    const before = await app.counts();
    const r = await app.call('suspicious.file', report(patch), analyst);
    expect(r.status).toBe(status);
    expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
    expect(await app.counts()).toEqual(before);
  });
});
