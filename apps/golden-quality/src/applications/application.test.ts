import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenQuality, enterprise, type GoldenQualityTestApp, perm } from '../test.fixture.ts';
import { employerRegisteredHandler, taxpayerRegisteredHandler } from './application.subscription.ts';

let refs = 0;
const reference = () => `KB-${process.pid}-${++refs}`;

describe.each(databaseTargets())('business applications (flow 2) on $name', (target) => {
  let gq: GoldenQualityTestApp;
  beforeAll(async () => {
    gq = await bootGoldenQuality(target);
  });
  afterAll(() => gq?.close());

  const outbox = async (creditCode: string) => {
    const { rows } = await sql<{ name: string; payload: unknown }>`select name, payload from ${sql.table(
      `${gq.app.database.schema}.outbox`,
    )} where payload->>'creditCode' = ${creditCode}`.execute(gq.db);
    return rows;
  };

  it('registers the entity, issues the code, announces it once, and shows the steps still to come', async () => {
    const applicant = gq.client(await gq.token(perm.submit, perm.readApplication));
    const ref = reference();
    const app = await applicant.applications.submit.mutate({
      reference: ref,
      taxpayerKind: 'general',
      entity: enterprise(gq.shield),
    });
    expect(app).toMatchObject({
      reference: ref,
      status: 'in_progress',
      created: true,
      taxpayerKind: 'general',
    });
    expect(app.steps.map((s) => [s.step, s.agency, s.doneAt !== null])).toEqual([
      ['entity_registered', 'golden-quality', true],
      ['taxpayer_registered', 'golden-tax', false],
      ['employer_registered', 'social-security', false],
    ]);
    const events = await outbox(app.entity.creditCode);
    expect(events.map((e) => e.name)).toEqual(['golden-quality.entity.registered.v1']);
    expect(events[0]!.payload).toMatchObject({
      creditCode: app.entity.creditCode,
      taxpayerKind: 'general',
      applicationReference: ref,
    });
    expect(JSON.stringify(events[0]!.payload)).not.toContain(app.entity.legalRepresentative.name);
  });

  it('answers a retried application with the first one: no second entity, no second event, no second check', async () => {
    const applicant = gq.client(await gq.token(perm.submit));
    const input = { reference: reference(), entity: enterprise(gq.shield) };
    const first = await applicant.applications.submit.mutate(input);
    const asked = gq.shield.asked.length;
    const before = await gq.counts();
    const again = await applicant.applications.submit.mutate(input);
    expect(again).toMatchObject({ created: false, reference: first.reference });
    expect(again.entity.creditCode).toBe(first.entity.creditCode);
    expect(gq.shield.asked.length).toBe(asked);
    expect(await gq.counts()).toEqual(before);
    expect(await outbox(first.entity.creditCode)).toHaveLength(1);
  });

  it('makes one entity of parallel retries of one application', async () => {
    const applicant = gq.client(await gq.token(perm.submit));
    const input = { reference: reference(), entity: enterprise(gq.shield) };
    const answers = await Promise.all([0, 1, 2, 3].map(() => applicant.applications.submit.mutate(input)));
    expect(new Set(answers.map((a) => a.entity.creditCode)).size).toBe(1);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    const n = await gq.db
      .selectFrom('legal_entity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', '=', input.entity.name)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('refuses other contents under a used reference (409 reference_reused), writing nothing', async () => {
    const token = await gq.token(perm.submit);
    const ref = reference();
    await gq.client(token).applications.submit.mutate({ reference: ref, entity: enterprise(gq.shield) });
    const before = await gq.counts();
    const r = await gq.call('applications.submit', { reference: ref, entity: enterprise(gq.shield) }, token);
    expect(r.status).toBe(409);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'reference', rule: 'reference_reused' });
    expect(await gq.counts()).toEqual(before);
  });

  it.each([
    ['reference', { reference: 'kb 1' }],
    [
      'entity.legalRepresentative.residentId',
      { entity: { legalRepresentative: { name: '王芳', residentId: '11010519800309001' } } },
    ],
    ['taxpayerKind', { taxpayerKind: 'large' }],
  ])('refuses a bad %s with 400, writing nothing', async (path, patch) => {
    const before = await gq.counts();
    const base = { reference: reference(), entity: enterprise(gq.shield) };
    const input = {
      ...base,
      ...patch,
      ...('entity' in patch ? { entity: { ...base.entity, ...patch.entity } } : {}),
    };
    const r = await gq.call('applications.submit', input, await gq.token(perm.submit));
    expect(r.status).toBe(400);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path });
    expect(await gq.counts()).toEqual(before);
  });

  it('shows each downstream step once golden-tax and social-security confirm it, keeping the first time', async () => {
    const applicant = gq.client(await gq.token(perm.submit, perm.readApplication));
    const ref = reference();
    const app = await applicant.applications.submit.mutate({ reference: ref, entity: enterprise(gq.shield) });
    const envelope = (name: string, producer: string) =>
      ({ id: crypto.randomUUID(), name, producer, occurredAt: new Date().toISOString() }) as never;
    const at = '2026-12-03T10:00:00.000Z';
    await gq.db.transaction().execute(async (trx) => {
      await taxpayerRegisteredHandler.handle(
        trx,
        { creditCode: app.entity.creditCode as never, registeredAt: at },
        envelope('golden-tax.taxpayer.registered.v1', 'golden-tax'),
      );
    });
    expect((await applicant.applications.get.query({ reference: ref })).status).toBe('in_progress');
    await gq.db.transaction().execute(async (trx) => {
      for (const registeredAt of [at, '2026-12-04T10:00:00.000Z'])
        await employerRegisteredHandler.handle(
          trx,
          { creditCode: app.entity.creditCode as never, registeredAt },
          envelope('social-security.employer.registered.v1', 'social-security'),
        );
    });
    const done = await applicant.applications.get.query({ reference: ref });
    expect(done.status).toBe('complete');
    expect(done.steps.map((s) => s.doneAt?.slice(0, 19))).toEqual([
      expect.any(String),
      '2026-12-03T10:00:00',
      '2026-12-03T10:00:00',
    ]);
  });
});
