import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { databaseTargets, silentLogger } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenAudit } from '../app.ts';
import { seedGoldenAudit } from '../seed.ts';
import { bootGoldenAudit, type GoldenAuditTestApp, perm, projectInput } from '../test.fixture.ts';

describe.each(databaseTargets())('golden-audit projects and networked pulls on $name', (target) => {
  let app: GoldenAuditTestApp;
  let projectId: string;
  beforeAll(async () => {
    app = await bootGoldenAudit(target);
    const director = app.client(await app.token(perm.manage, perm.read));
    projectId = (await director.projects.create.mutate(projectInput())).id;
  });
  afterAll(() => app.close());

  it('opens a project with scope, team and period, and refuses a second with the same code (409)', async () => {
    const director = app.client(await app.token(perm.manage, perm.read));
    const project = await director.projects.get.query({ id: projectId });
    expect(project).toMatchObject({
      period: { from: '2026-01-01', to: '2026-12-31' },
      team: { leader: 'leader', members: ['tester'] },
    });
    const before = await app.rows();
    const again = await app.call(
      'projects.create',
      projectInput({ code: project.code }),
      await app.token(perm.manage),
    );
    expect(again.status).toBe(409);
    expect(again.error?.data.issues?.[0]).toMatchObject({ path: 'code', rule: 'duplicate' });
    expect(await app.rows()).toEqual(before);
  });

  it.each([
    ['periodTo', { periodTo: '2025-12-31' }, 'period_order'],
    ['periodFrom', { periodFrom: '2026-02-30' }, 'invalid_format'],
    ['members.0', { members: ['leader'] }, 'leader_repeated'],
    ['resources.1', { resources: ['GF-LED-0001', 'GF-LED-0001'] }, 'repeated'],
    ['(input)', { budget: 1 }, 'unknown_field'],
  ])(
    'refuses a project with a bad %s, naming the field and rule, writing nothing',
    async (path, patch, rule) => {
      const before = await app.rows();
      const r = await app.call('projects.create', projectInput(patch), await app.token(perm.manage));
      expect(r.status).toBe(400);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await app.rows()).toEqual(before);
    },
  );

  it('pulls the treasury ledger through the catalog grant: stored with its digest, audited on both sides', async () => {
    const auditor = app.client(await app.token(perm.pull, perm.read));
    const pull = await auditor.pulls.run.mutate({
      projectId,
      request: { source: 'treasury-ledger', asOf: '2026-03-31' },
    });
    expect(pull).toMatchObject({
      resourceId: 'GF-LED-0001',
      ownerApp: 'golden-finance',
      grantId: 'G-test-golden-audit',
      recordCount: 1,
    });
    expect(pull.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(app.platformState.asked).toEqual(['grants GF-LED-0001', 'token G-test-golden-audit']);
    // Ours: the pull, the grant and the resource, and the call out; theirs: a call in under the grant.
    const [ours] = await app.audit('pulls.run');
    expect(ours).toMatchObject({ outcome: 'ok', actor: 'official:tester' });
    expect(ours!.object_ids).toEqual(
      expect.arrayContaining([
        `project:${projectId}`,
        `pull:${pull.id}`,
        'grant:G-test-golden-audit',
        'resource:GF-LED-0001',
      ]),
    );
    const theirs = await app.audit('ledger.trialBalance', 'owner');
    expect(theirs.at(-1)).toMatchObject({
      actor: 'service:golden-audit',
      kind: 'call-in',
      outcome: 'ok',
      object_ids: ['grant:G-test-golden-audit'],
    });
  });

  it('refuses a pull without a grant, outside the scope or the period, not yet served, or by someone off the team; nothing written', async () => {
    const cases: [unknown, string, string, number, string][] = [
      [
        { source: 'appropriations', budgetUnit: '201001', fiscalYear: 2026 },
        'source',
        'no_grant',
        403,
        'tester',
      ],
      [
        { source: 'import-vat-deductions', creditCode: '91350100M000100Y43', period: '2026-03' },
        'source',
        'scope',
        403,
        'tester',
      ],
      [{ source: 'treasury-ledger', asOf: '2027-01-01' }, 'asOf', 'period', 400, 'tester'],
      [{ source: 'deaths' }, 'source', 'scope', 403, 'tester'],
      [
        { source: 'appropriations', budgetUnit: '201001', fiscalYear: 2025 },
        'fiscalYear',
        'period',
        400,
        'tester',
      ],
      [{ source: 'treasury-ledger', asOf: '2026-03-31' }, 'projectId', 'team', 403, 'stranger'],
    ];
    for (const [request, path, rule, status, username] of cases) {
      const before = await app.rows();
      const token = await app.identity.officialToken({ permissions: [perm.pull], username });
      const r = await app.call('pulls.run', { projectId, request }, token);
      expect([r.status, r.error?.data.issues?.[0]], JSON.stringify(request)).toEqual([
        status,
        expect.objectContaining({ path, rule }),
      ]);
      expect(await app.rows()).toEqual(before);
    }
  });

  it('refuses a source the owner does not serve yet (409 not_served), naming it', async () => {
    const director = app.client(await app.token(perm.manage));
    const wide = await director.projects.create.mutate(
      projectInput({ resources: ['SS-PEN-0001', 'GS-DTH-0001'] }),
    );
    const r = await app.call(
      'pulls.run',
      { projectId: wide.id, request: { source: 'pension-payments' } },
      await app.token(perm.pull),
    );
    expect(r.status).toBe(409);
    expect(r.error?.message).toMatch(/social-security does not serve SS-PEN-0001/);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'source', rule: 'not_served' });
  });

  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(goldenAudit.router)).toEqual([]);
    const declared = listProcedures(goldenAudit.router).filter((p) => !p.path.startsWith('audit.'));
    for (const p of declared)
      expect(Object.keys(goldenAudit.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });

  it('seeds its demo project once', async () => {
    await seedGoldenAudit(app.app.database, silentLogger());
    const first = await app.rows();
    await seedGoldenAudit(app.app.database, silentLogger());
    expect(await app.rows()).toEqual(first);
  });
});
