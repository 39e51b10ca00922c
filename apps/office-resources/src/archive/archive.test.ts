import { chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootOffice, notice, perm } from '../test.fixture.ts';
import { archiveNumber, keepUntil } from './archive.rules.ts';

type Office = Awaited<ReturnType<typeof bootOffice>>;

describe('archive rules (国家档案局令第8号, DA/T 22-2015)', () => {
  it('numbers items and counts retention from 1 January after the year of forming', () => {
    expect(archiveNumber(2026, 'permanent', 1)).toBe('GOSC-WS·2026-Y-0001');
    expect(archiveNumber(2026, '30-years', 12)).toBe('GOSC-WS·2026-D30-0012');
    expect(keepUntil('2026-05-10', '10-years')).toBe('2036-12-31');
    expect(keepUntil('2026-12-31', '30-years')).toBe('2056-12-31');
    expect(keepUntil('2026-05-10', 'permanent')).toBeNull();
  });
});

describe.each(databaseTargets())('office-resources archive on $name', (target) => {
  let o: Office;
  let archivist: Awaited<ReturnType<Office['as']>>;
  const year = Number(chinaDate(new Date()).slice(0, 4));
  beforeAll(async () => {
    o = await bootOffice(target);
    archivist = await o.as('archivist', perm.archive, perm.readArchive);
  }, 60_000);
  afterAll(() => o.app.close());

  const distributed = async () => {
    const d = await o.clerk.documents.draft.mutate(notice());
    await o.clerk.documents.submit.mutate({ id: d.id });
    await o.reviewer.documents.review.mutate({ id: d.id, decision: 'approve' });
    await o.leader.documents.sign.mutate({ id: d.id });
    await o.clerk.documents.register.mutate({ id: d.id });
    await o.clerk.documents.seal.mutate({ id: d.id });
    return o.clerk.documents.distribute.mutate({ id: d.id });
  };

  it('files distributed documents with their retention and lists them in the catalogue, numbered without gaps', async () => {
    const [a, b] = [await distributed(), await distributed()];
    const first = await archivist.archive.file.mutate({ documentId: a.id, retention: 'permanent' });
    const second = await archivist.archive.file.mutate({ documentId: b.id, retention: '10-years' });
    expect(first).toMatchObject({
      archiveNumber: `GOSC-WS·${year}-Y-0001`,
      reference: a.number,
      keepUntil: null,
    });
    expect(second).toMatchObject({
      archiveNumber: `GOSC-WS·${year}-D10-0001`,
      keepUntil: `${year + 10}-12-31`,
    });
    const cat = await archivist.archive.catalogue.query({ year });
    expect(cat.map((i) => i.archiveNumber)).toEqual([`GOSC-WS·${year}-D10-0001`, `GOSC-WS·${year}-Y-0001`]);
  });

  it('refuses a document not yet distributed, one filed twice, and naming no source, writing nothing', async () => {
    const draft = await o.clerk.documents.draft.mutate(notice());
    const done = await distributed();
    await archivist.archive.file.mutate({ documentId: done.id, retention: '30-years' });
    const token = await o.app.token(perm.archive);
    for (const [input, status, rule] of [
      [{ documentId: draft.id, retention: '30-years' }, 409, 'not_closed'],
      [{ documentId: done.id, retention: '30-years' }, 409, 'archived'],
      [{ retention: '30-years' }, 400, 'custom'],
      [{ documentId: done.id, retention: '5-years' }, 400, 'invalid_value'],
    ] as const) {
      const before = await o.written();
      const r = await o.app.call('archive.file', input, token);
      expect(r.status).toBe(status);
      expect(r.error?.data.issues?.[0]?.rule).toBe(rule);
      expect(await o.written()).toEqual(before);
    }
  });
});
