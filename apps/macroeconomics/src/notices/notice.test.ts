import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { type BootedApp, bootApp, databaseTargets, silentLogger } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { macroeconomics } from '../app.ts';
import type { MacroeconomicsDatabase } from '../database.ts';
import type { MacroeconomicsRouter } from '../router.ts';
import { demoNotices, seedMacroeconomics } from '../seed.ts';

const publish = 'macroeconomics.notice.publish';
const read = 'macroeconomics.notice.read';

describe.each(databaseTargets())('macroeconomics notices on $name', (target) => {
  let app: BootedApp<MacroeconomicsDatabase, MacroeconomicsRouter>;
  const valid = () => ({
    title: ' 停水通知 ',
    body: 'No water on Main Street from 09:00.',
    effectiveOn: chinaDate(new Date()),
  });
  beforeAll(async () => {
    app = await bootApp(macroeconomics, target);
  });
  afterAll(() => app.close());

  it('publishes a notice, reads it back by its number, and names it in the audit record', async () => {
    const editor = app.client(await app.token(publish, read));
    const notice = await editor.notices.publish.mutate(valid());
    expect(notice).toMatchObject({ title: '停水通知', number: expect.stringMatching(/^MA-\d{8}$/) });
    expect(notice.publishedBy).toMatch(/^official:/);
    expect(await editor.notices.get.query({ number: notice.number })).toEqual(notice);
    const { rows } = await sql<{ object_ids: string[] }>`select object_ids from ${sql.table(
      `${app.app.database.schema}.audit_record`,
    )} where procedure = 'notices.publish' and outcome = 'ok'`.execute(app.app.database.db);
    expect(rows.map((r) => r.object_ids)).toEqual([[`notice:${notice.number}`]]);
  });

  it('refuses a reader (FORBIDDEN) and an anonymous caller (UNAUTHORIZED), writing nothing', async () => {
    const before = await app.counts();
    const reader = app.client(await app.token(read));
    await expect(reader.notices.publish.mutate(valid())).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await expect(app.client().notices.publish.mutate(valid())).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
    expect(await app.counts()).toEqual(before);
  });

  it.each([
    ['effectiveOn', { effectiveOn: '2000-01-01' }, 'in_past'],
    ['effectiveOn', { effectiveOn: '2026-02-30' }, 'invalid_format'],
    ['title', { title: '   ' }, 'too_small'],
    ['(input)', { extra: 1 }, 'unknown_field'],
  ])(
    'refuses a bad %s with 400 naming the field and the rule, writing nothing',
    async (path, patch, rule) => {
      const before = await app.counts();
      const r = await app.call('notices.publish', { ...valid(), ...patch }, await app.token(publish));
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await app.counts()).toEqual(before);
    },
  );

  it('answers NOT_FOUND for a number never issued', async () => {
    const r = await app.call('notices.get', { number: 'MA-99999999' }, await app.token(read), 'query');
    expect(r.error?.data.code).toBe('NOT_FOUND');
  });

  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(macroeconomics.router)).toEqual([]);
    const declared = listProcedures(macroeconomics.router).filter((p) => !p.path.startsWith('audit.'));
    for (const p of declared)
      expect(Object.keys(macroeconomics.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });

  it('seeds its demo notices once', async () => {
    await seedMacroeconomics(app.app.database, silentLogger());
    const first = await app.counts();
    await seedMacroeconomics(app.app.database, silentLogger());
    expect(await app.counts()).toEqual(first);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(
      `${app.app.database.schema}.notice`,
    )} where published_by = 'seed:macroeconomics'`.execute(app.app.database.db);
    expect(rows[0]?.n).toBe(demoNotices.length);
  });
});
