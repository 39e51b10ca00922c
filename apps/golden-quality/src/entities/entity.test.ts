import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { validateCreditCode } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenQuality } from '../app.ts';
import {
  bootGoldenQuality,
  enterprise,
  freshResident,
  type GoldenQualityTestApp,
  perm,
} from '../test.fixture.ts';

describe.each(databaseTargets())('the legal-entity base on $name', (target) => {
  let gq: GoldenQualityTestApp;
  beforeAll(async () => {
    gq = await bootGoldenQuality(target);
  });
  afterAll(() => gq?.close());

  it('registers an entity, issues a valid credit code built from its parts, and masks the legal representative', async () => {
    const registrar = gq.client(await gq.token(perm.register, perm.read));
    const input = enterprise(gq.shield);
    const entity = await registrar.entities.register.mutate(input);
    expect(validateCreditCode(entity.creditCode).ok).toBe(true);
    expect(entity.creditCode.slice(0, 2)).toBe('91');
    expect(entity.creditCode.slice(2, 8)).toBe('110105');
    expect(entity.creditCode.slice(8, 17)).toBe(entity.organisationCode);
    expect(entity.organisationCode[0]).toBe('9');
    expect(entity).toMatchObject({
      entityTypeName: '企业',
      status: 'active',
      division: { code: '110105', name: '朝阳区' },
      legalRepresentative: { name: '王芳', revealed: false },
    });
    expect(entity.legalRepresentative.residentId).not.toBe(input.legalRepresentative.residentId);
    expect(entity.legalRepresentative.residentId).toMatch(/^110\*+/);
    // golden-shield was asked with a purpose, under golden-quality's grant, and logged it.
    expect(gq.shield.asked.at(-1)).toMatchObject({
      residentId: input.legalRepresentative.residentId,
      purpose: expect.stringMatching(/legal representative of .* registration/),
      grant: expect.any(String),
    });
    const [record] = (await gq.audit('entities.register')).filter((r) => r.outcome === 'ok');
    expect(record!.object_ids.join(' ')).toContain('call-out:golden-shield/identity.verify');
    expect(record!.object_ids.join(' ')).not.toContain(input.legalRepresentative.residentId);
    const shown = await gq.client(await gq.token(perm.read, perm.reveal)).entities.get.query({
      creditCode: entity.creditCode,
    });
    expect(shown.legalRepresentative).toEqual({ ...input.legalRepresentative, revealed: true });
  });

  it('never gives two parallel registrations one code, and counts each authority on its own', async () => {
    const registrar = gq.client(await gq.token(perm.register));
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        registrar.entities.register.mutate(
          i % 3 === 0
            ? enterprise(gq.shield, { authority: '5', entityType: '1', registeredCapitalFen: null })
            : enterprise(gq.shield),
        ),
      ),
    );
    const codes = made.map((e) => e.creditCode);
    expect(new Set(codes).size).toBe(12);
    expect(new Set(made.map((e) => e.organisationCode)).size).toBe(12);
    const rows = await gq.db.selectFrom('code_sequence').selectAll().orderBy('authority').execute();
    const count = (a: string) => Number(rows.find((r) => r.authority === a)?.last ?? 0);
    const entities = await gq.db.selectFrom('legal_entity').select(['authority']).execute();
    // No gaps and no reuse: each authority's counter equals the entities it registered.
    expect(count('5')).toBe(entities.filter((e) => e.authority === '5').length);
    expect(count('9')).toBe(entities.filter((e) => e.authority === '9').length);
  });

  it('refuses a legal representative golden-shield does not know, or under another name, writing nothing', async () => {
    const registrar = gq.client(await gq.token(perm.register));
    const before = await gq.counts();
    const unknown = freshResident(gq.shield, '李雷', { known: false });
    for (const [rep, rule] of [
      [{ name: '李雷', residentId: unknown }, 'not_on_file'],
      [{ name: '韩梅梅', residentId: freshResident(gq.shield, '李雷') }, 'mismatch'],
    ] as const) {
      const r = await gq.call(
        'entities.register',
        enterprise(gq.shield, { legalRepresentative: rep }),
        await gq.token(perm.register),
      );
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([
        expect.objectContaining({ path: 'legalRepresentative.residentId', rule }),
      ]);
    }
    expect(await gq.counts()).toEqual(before);
    await expect(registrar.entities.register.mutate(enterprise(gq.shield))).resolves.toBeTruthy();
  });

  it('refuses without a catalog grant for golden-shield (403 grant_required), asking golden-shield nothing', async () => {
    gq.catalog.state.granted = false;
    try {
      const before = await gq.counts();
      const asked = gq.shield.asked.length;
      const r = await gq.call('entities.register', enterprise(gq.shield), await gq.token(perm.register));
      expect(r.status).toBe(403);
      expect(r.error?.message).toMatch(/no active grant for GS-POP-0001/);
      expect(gq.shield.asked.length).toBe(asked);
      expect(await gq.counts()).toEqual(before);
    } finally {
      gq.catalog.state.granted = true;
    }
  });

  it.each([
    [
      'legalRepresentative.residentId',
      { legalRepresentative: { name: '王芳', residentId: '110105198003090011' } },
      'check_digit',
    ],
    ['entityType', { entityType: '7' }, 'entity_type'],
    ['authority', { authority: '2' }, 'invalid_value'],
    ['division', { division: '990101' }, undefined],
    ['registeredCapitalFen', { registeredCapitalFen: 100.5 }, 'integer_fen'],
    ['registeredCapitalFen', { registeredCapitalFen: 2 ** 53 }, 'max_amount'],
    ['name', { name: '  ' }, 'too_small'],
    ['(input)', { extra: true }, 'unknown_field'],
  ])(
    'refuses a bad %s (%j) with 400 naming the field and the rule, writing nothing',
    async (path, patch, rule) => {
      const before = await gq.counts();
      const r = await gq.call(
        'entities.register',
        enterprise(gq.shield, patch),
        await gq.token(perm.register),
      );
      expect(r.status).toBe(400);
      expect(r.error?.data.issues?.[0]).toMatchObject({ path, ...(rule ? { rule } : {}) });
      expect(await gq.counts()).toEqual(before);
    },
  );

  it('refuses a name a live entity holds (409 name_taken), also to two racing registrations', async () => {
    const registrar = gq.client(await gq.token(perm.register));
    const name = `重名测试有限公司 ${process.pid}`;
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => registrar.entities.register.mutate(enterprise(gq.shield, { name }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ data: { code: 'CONFLICT' } });
  });

  it('suspends, reinstates and deregisters; a deregistered name is free again, its code never issued again', async () => {
    const officer = gq.client(await gq.token(perm.register, perm.status, perm.read));
    const input = enterprise(gq.shield);
    const first = await officer.entities.register.mutate(input);
    const act = (action: 'suspend' | 'reinstate' | 'deregister') =>
      officer.entities.setStatus.mutate({ creditCode: first.creditCode, action, reason: '依法处理' });
    expect((await act('suspend')).status).toBe('suspended');
    expect((await act('reinstate')).status).toBe('active');
    expect((await act('deregister')).status).toBe('deregistered');
    await expect(act('reinstate')).rejects.toMatchObject({ data: { code: 'CONFLICT' } });
    const second = await officer.entities.register.mutate({
      ...input,
      legalRepresentative: enterprise(gq.shield).legalRepresentative,
    });
    expect(second.creditCode).not.toBe(first.creditCode);
    expect((await officer.entities.get.query({ creditCode: first.creditCode })).status).toBe('deregistered');
  });

  it('serves other agencies a lookup only under a grant for GQ-ENT-0001, without the legal representative', async () => {
    const entity = await gq
      .client(await gq.token(perm.register))
      .entities.register.mutate(enterprise(gq.shield));
    const service = await gq.identity.serviceToken({ app: 'golden-tax', permissions: [perm.lookup] });
    const refused = await gq.call('entities.lookup', { creditCode: entity.creditCode }, service, 'query');
    expect(refused.status).toBe(403);
    expect(refused.error?.data.issues?.[0]).toMatchObject({ rule: 'grant_required' });
    const grant = await gq.identity.grantToken({
      consumer: 'golden-tax',
      owner: 'golden-quality',
      resource: 'GQ-ENT-0001',
      procedures: ['entities.lookup'],
    });
    const served = await gq.call('entities.lookup', { creditCode: entity.creditCode }, service, 'query', {
      'x-egov-grant': grant,
    });
    expect(served.status).toBe(200);
    expect(Object.keys(served.data as object).sort()).toEqual(
      ['creditCode', 'division', 'entityTypeName', 'name', 'registeredOn', 'status'].sort(),
    );
  });

  it('answers 400 for a malformed credit code and 404 for one never issued', async () => {
    const reader = await gq.token(perm.read);
    const bad = await gq.call('entities.get', { creditCode: '91110105900000011X' }, reader, 'query');
    expect(bad.status).toBe(400);
    expect(bad.error?.data.issues?.[0]).toMatchObject({ path: 'creditCode' });
    const never = await gq.call('entities.get', { creditCode: '91350100M000100Y43' }, reader, 'query');
    expect(never.error?.data.code).toBe('NOT_FOUND');
  });

  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(goldenQuality.router)).toEqual([]);
    const declared = listProcedures(goldenQuality.router).filter(
      (p) => !p.path.startsWith('audit.') && p.meta?.permission,
    );
    for (const p of declared)
      expect(Object.keys(goldenQuality.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });
});
