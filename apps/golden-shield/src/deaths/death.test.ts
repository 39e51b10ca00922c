import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootGoldenShield,
  type GoldenShieldTestApp,
  perm,
  tomorrowInChina,
  unissuedResidentId,
} from '../test.fixture.ts';

describe.each(databaseTargets())('deaths.record on $name', (target) => {
  let gs: GoldenShieldTestApp;
  let registrar: string;
  let residentId: string;
  const report = (change: Record<string, unknown> = {}) => ({
    residentId,
    diedOn: '2024-01-31',
    placeDivision: '440106',
    certificateNo: 'G440106000123',
    ...change,
  });
  beforeAll(async () => {
    gs = await bootGoldenShield(target);
    registrar = await gs.token(perm.death, perm.read);
    residentId = await gs.born({
      name: '郑华',
      sex: 'male',
      birthDate: '1950-03-03',
      divisionCode: '440106',
    });
  });
  afterAll(() => gs.close());

  it.each([
    ['dated before birth', { diedOn: '1950-03-02' }, 'diedOn', 'before_birth'],
    ['dated in the future', { diedOn: tomorrowInChina() }, 'diedOn', 'in_future'],
    ['on Feb 30', { diedOn: '2023-02-30' }, 'diedOn', 'calendar_date'],
    ['in a prefecture', { placeDivision: '440100' }, 'placeDivision', 'not_county'],
    ['without a certificate', { certificateNo: '' }, 'certificateNo', 'invalid_format'],
    ['with a bad check digit', { residentId: '440106195003030010' }, 'residentId', 'check_digit'],
  ])(
    'refuses a death %s with 400 naming the field and rule, writing nothing',
    async (_, change, path, rule) => {
      const before = await gs.counts();
      const r = await gs.call('deaths.record', report(change), registrar);
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await gs.counts()).toEqual(before);
    },
  );

  it('records a death: the resident is dead from that day', async () => {
    const r = await gs.call('deaths.record', report(), registrar);
    expect(r.status).toBe(200);
    expect(r.data).toMatchObject({ status: 'dead', diedOn: '2024-01-31' });
    const looked = await gs.call('residents.get', { residentId }, registrar, 'query');
    expect(looked.data).toMatchObject({ status: 'dead', diedOn: '2024-01-31' });
  });

  it("publishes golden-shield.death.recorded.v1 through the outbox, in the death's own transaction", async () => {
    const schema = gs.app.database.schema;
    const { rows } = await sql<{ name: string; producer: string; payload: unknown }>`
      select name, producer, payload from ${sql.table(`${schema}.outbox`)} order by seq`.execute(
      gs.app.database.db,
    );
    const deaths = rows.filter((r) => r.name === 'golden-shield.death.recorded.v1');
    expect(deaths).toHaveLength(1);
    const payload =
      typeof deaths[0]!.payload === 'string' ? JSON.parse(deaths[0]!.payload) : deaths[0]!.payload;
    expect(deaths[0]!.producer).toBe('golden-shield');
    expect(payload).toMatchObject({ residentId, diedOn: '2024-01-31', certificateNo: 'G440106000123' });
  });

  it('refuses to record the same death twice', async () => {
    const before = await gs.counts();
    const again = await gs.call('deaths.record', report({ certificateNo: 'G440106000999' }), registrar);
    expect(again.status).toBe(409);
    expect(again.error?.message).toBe('already recorded dead');
    expect(await gs.counts()).toEqual(before);
  });

  it('refuses a certificate already used for someone else, and an unknown resident', async () => {
    const other = await gs.born({
      name: '冯丽',
      sex: 'female',
      birthDate: '1952-02-02',
      divisionCode: '440106',
    });
    const reused = await gs.call('deaths.record', report({ residentId: other }), registrar);
    expect(reused.status).toBe(409);
    expect(reused.error?.data.issues?.[0]).toMatchObject({ path: 'certificateNo', rule: 'already_used' });
    const unknown = await gs.call('deaths.record', report({ residentId: unissuedResidentId() }), registrar);
    expect(unknown.status).toBe(404);
  });

  it('lets exactly one of two simultaneous reports of a death through', async () => {
    const twin = await gs.born({
      name: '卫东',
      sex: 'male',
      birthDate: '1960-06-06',
      divisionCode: '440106',
    });
    const results = await Promise.all(
      ['G440106000201', 'G440106000202'].map((certificateNo) =>
        gs.call('deaths.record', report({ residentId: twin, certificateNo }), registrar),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('needs a token and the permission', async () => {
    expect((await gs.call('deaths.record', report())).status).toBe(401);
    expect((await gs.call('deaths.record', report(), await gs.token(perm.read))).status).toBe(403);
  });
});
