import {
  createRootCa,
  getAlgorithm,
  issueSealCertificate,
  type SealAlgorithm,
  verifySeal,
} from '@egov/kernel/seal';
import { addWorkingDays, chinaDate } from '@egov/standards';
import { databaseTargets } from '@egov/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootGoldenAudit, type GoldenAuditTestApp, perm, projectInput } from '../test.fixture.ts';

describe.each(databaseTargets())(
  'golden-audit rules, samples, findings and the sealed report on $name',
  (target) => {
    let app: GoldenAuditTestApp;
    let projectId: string;
    let pullId: string;
    const team = () => app.identity.officialToken({ permissions: Object.values(perm), username: 'tester' });

    beforeAll(async () => {
      app = await bootGoldenAudit(target);
      const client = app.client(await team());
      projectId = (
        await client.projects.create.mutate(
          projectInput({ resources: ['GF-LED-0001', 'GF-APR-0001', 'GF-PAY-0001'] }),
        )
      ).id;
      // The owner's ledger is off by one fen on the credit side.
      app.ledger.accounts[1]!.creditFen = '9009999999999999';
      app.ledger.accounts[1]!.balanceFen = '9009999999999999';
      app.ledger.totalCreditFen = '9009999999999999';
      pullId = (
        await client.pulls.run.mutate({
          projectId,
          request: { source: 'treasury-ledger', asOf: '2026-06-30' },
        })
      ).id;
    });
    afterAll(() => app.close());

    it('runs the ledger rule over the pull: findings cite the records, with a deadline in Chinese working days', async () => {
      const client = app.client(await team());
      const ran = await client.checks.run.mutate({
        projectId,
        rule: 'ledger-balance',
        rectifyWorkingDays: 5,
      });
      expect(ran.pullIds).toEqual([pullId]);
      const findings = await client.findings.list.query({ projectId });
      expect(findings.map((f) => f.id).sort()).toEqual([...ran.findingIds].sort());
      const today = chinaDate(new Date());
      expect(findings.map((f) => f.summary)).toContain(
        "the accounts' debits (9010000000000000 fen) and credits (9009999999999999 fen) differ by 1 fen",
      );
      for (const f of findings) {
        expect(f).toMatchObject({
          status: 'open',
          issuedOn: today,
          deadline: addWorkingDays(today, 5),
          pullIds: [pullId],
        });
        expect(f.cites[0]).toBe('ledger:2026-06-30');
      }
    });

    it('runs the over-appropriation rule over appropriations and payments pulled under their grants', async () => {
      const client = app.client(await team());
      app.platformState.grants.push(
        { id: 'G-apr', resourceId: 'GF-APR-0001', procedures: ['appropriations.list'] },
        { id: 'G-pay', resourceId: 'GF-PAY-0001', procedures: ['payments.list'] },
      );
      const line = '0b7f4c3e-1d2a-4f5b-8c6d-7e8f9a0b1c2d';
      app.books.appropriations.push({
        id: line,
        budgetUnit: '201001',
        fiscalYear: 2026,
        economicClass: { code: '302', name: '商品和服务支出' },
        allocatedFen: 1_000_000,
      });
      const payment = (n: number, amountFen: number, status: 'approved' | 'rejected' | 'executed') => ({
        id: `0b7f4c3e-1d2a-4f5b-8c6d-00000000000${n}`,
        budgetUnit: '201001',
        appropriationId: line,
        amountFen,
        status,
        requestedAt: `2026-03-0${n}T08:00:00.000Z`,
      });
      app.books.payments.push(
        payment(1, 700_000, 'executed'),
        payment(2, 500_000, 'rejected'),
        payment(3, 400_000, 'approved'),
      );
      await client.pulls.run.mutate({
        projectId,
        request: { source: 'appropriations', budgetUnit: '201001', fiscalYear: 2026 },
      });
      const pays = await client.pulls.run.mutate({
        projectId,
        request: { source: 'payments', budgetUnit: '201001', fiscalYear: 2026 },
      });
      expect(pays).toMatchObject({ grantId: 'G-pay', recordCount: 3 });
      const ran = await client.checks.run.mutate({
        projectId,
        rule: 'over-appropriation',
        rectifyWorkingDays: 5,
      });
      const findings = (await client.findings.list.query({ projectId })).filter((f) =>
        ran.findingIds.includes(f.id),
      );
      expect(findings).toEqual([
        expect.objectContaining({
          rule: 'payment-over-appropriation',
          amountFen: '100000',
          cites: [`appropriation:${line}`, `payment:${payment(3, 0, 'approved').id}`],
          deadline: addWorkingDays(chinaDate(new Date()), 5),
        }),
      ]);
    });

    it('refuses a rule whose sources are not pulled (409 missing_pull), writing nothing', async () => {
      const before = await app.rows();
      const r = await app.call('checks.run', { projectId, rule: 'import-vat' }, await team());
      expect(r.status).toBe(409);
      expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'rule', rule: 'missing_pull' });
      expect(await app.rows()).toEqual(before);
    });

    it('tracks open, overdue (past the deadline) and rectified findings; rectifies once', async () => {
      const client = app.client(await team());
      const [first, second] = (await client.findings.list.query({ projectId })).filter(
        (f) => f.rule === 'ledger-unbalanced',
      );
      // Time passes: the second finding was issued 30 working days ago with a 5-day term.
      await sql`update ${sql.table(`${app.app.database.schema}.finding`)} set issued_on = '2026-01-05', deadline = ${addWorkingDays('2026-01-05', 5)} where id = ${second!.id}`.execute(
        app.db,
      );
      expect((await client.findings.list.query({ projectId, status: 'overdue' })).map((f) => f.id)).toEqual([
        second!.id,
      ]);
      const done = await client.findings.rectify.mutate({
        projectId,
        findingId: first!.id,
        rectifiedOn: chinaDate(new Date()),
        rectification: '已调整账务',
      });
      expect(done.status).toBe('rectified');
      const before = await app.rows();
      const again = await app.call(
        'findings.rectify',
        { projectId, findingId: first!.id, rectifiedOn: chinaDate(new Date()), rectification: '再次整改' },
        await team(),
      );
      expect([again.status, again.error?.data.issues?.[0]]).toEqual([
        409,
        expect.objectContaining({ path: 'findingId', rule: 'rectified' }),
      ]);
      const future = await app.call(
        'findings.rectify',
        { projectId, findingId: second!.id, rectifiedOn: '2099-01-01', rectification: '未来' },
        await team(),
      );
      expect([future.status, future.error?.data.issues?.[0]]).toEqual([
        400,
        expect.objectContaining({ path: 'rectifiedOn', rule: 'in_future' }),
      ]);
      expect(await app.rows()).toEqual(before);
    });

    it('draws a sample reproducible from its recorded seed, and refuses one larger than the population', async () => {
      const client = app.client(await team());
      const a = await client.samples.draw.mutate({
        projectId,
        pullId,
        method: 'monetary-unit',
        size: 2,
        seed: 7,
      });
      const b = await client.samples.draw.mutate({
        projectId,
        pullId,
        method: 'monetary-unit',
        size: 2,
        seed: 7,
      });
      expect(b.selected).toEqual(a.selected);
      expect(a).toMatchObject({ populationCount: 2, seed: 7 });
      const fresh = await client.samples.draw.mutate({ projectId, pullId, method: 'random', size: 1 });
      expect(Number.isInteger(fresh.seed)).toBe(true);

      const before = await app.rows();
      const token = await team();
      // One request, and many in parallel: each refused alike, nothing written. (A tRPC batch of
      // mutations is refused whole by the kernel before any call runs: at most one mutation a batch.)
      const refused = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          app.call(
            'samples.draw',
            { projectId, pullId, method: i % 2 ? 'random' : 'monetary-unit', size: 3, seed: i },
            token,
          ),
        ),
      );
      for (const r of refused)
        expect([r.status, r.error?.data.issues?.[0]]).toEqual([
          400,
          expect.objectContaining({ path: 'size', rule: 'larger_than_population' }),
        ]);
      expect(await app.rows()).toEqual(before);
    });

    it.each(['SM2-SM3', 'Ed25519'] as SealAlgorithm[])(
      'exports the report sealed (%s), and it verifies offline against the CA root alone',
      async (algorithm) => {
        const client = app.client(await team());
        await sql`delete from ${sql.table(`${app.app.database.schema}.report_seal_key`)}`.execute(app.db);
        const noSeal = await app.call('reports.export', { projectId }, await team());
        expect(noSeal.error?.data.issues?.[0]).toMatchObject({ rule: 'no_seal' });
        const { publicKey } = await client.reports.createSealKey.mutate({ algorithm });
        // The platform's CA does this in seals.issue for the security administrator (same kernel functions).
        const root = await createRootCa({
          name: 'Platform Seal CA (test)',
          algorithm: 'Ed25519',
          validityDays: 3650,
        });
        const impl = getAlgorithm(algorithm);
        const certificate = await issueSealCertificate(root, {
          subjectName: '中华人民共和国审计署',
          agencyCode: 'cnao',
          publicKey: await impl.importPublicKey(publicKey),
          algorithm,
          validityDays: 365,
          serialNumber: algorithm === 'Ed25519' ? '0a01' : '0a02',
        });
        // A certificate for another key is refused, naming the field.
        const other = await getAlgorithm(algorithm).generateKeyPair();
        const foreign = await issueSealCertificate(root, {
          subjectName: 'x',
          agencyCode: 'cnao',
          publicKey: other.publicKey,
          algorithm,
          validityDays: 30,
          serialNumber: '0b01',
        });
        const wrong = await app.call(
          'reports.installCertificate',
          { certificateChain: [foreign] },
          await team(),
        );
        expect([wrong.status, wrong.error?.data.issues?.[0]]).toEqual([
          400,
          expect.objectContaining({ path: 'certificateChain.0', rule: 'key_mismatch' }),
        ]);
        await client.reports.installCertificate.mutate({ certificateChain: [certificate] });

        const { document, seal } = await client.reports.export.mutate({ projectId });
        const report = JSON.parse(document);
        expect(report).toMatchObject({
          format: 'egov-audit-report:v1',
          project: { id: projectId },
          totals: { rectified: 1, overdue: 1 },
        });
        expect(report.pulls.find((p: { id: string }) => p.id === pullId)).toMatchObject({
          id: pullId,
          resourceId: 'GF-LED-0001',
          grantId: 'G-test-golden-audit',
        });

        // Offline: the document, the seal and the CA's root; no database, no network.
        const bytes = new TextEncoder().encode(document);
        const verified = await verifySeal({
          document: bytes,
          seal,
          trustedRoots: [root.certificate],
          revocations: [],
        });
        expect(verified).toMatchObject({ valid: true, signer: { agencyCode: 'cnao' } });
        const tampered = new TextEncoder().encode(document.replace('"rectified":1', '"rectified":2'));
        expect(
          await verifySeal({ document: tampered, seal, trustedRoots: [root.certificate], revocations: [] }),
        ).toMatchObject({ valid: false, reason: 'digest_mismatch' });
        const otherRoot = await createRootCa({
          name: 'Someone else',
          algorithm: 'Ed25519',
          validityDays: 30,
        });
        expect(
          await verifySeal({ document: bytes, seal, trustedRoots: [otherRoot.certificate], revocations: [] }),
        ).toMatchObject({ valid: false });
      },
    );
  },
);
