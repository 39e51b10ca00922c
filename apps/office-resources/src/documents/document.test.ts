import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataRoot } from '@egov/kernel/db';
import { verifySeal } from '@egov/kernel/seal';
import { listProcedures, undeclaredProcedures } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import { databaseTargets, silentLogger } from '@egov/testing';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { sql } from 'kysely';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeResources } from '../app.ts';
import { demoRecipients, seedOfficeResources } from '../seed.ts';
import { bootOffice, notice, perm } from '../test.fixture.ts';
import { receiptHandler } from './receipt.subscription.ts';

type Office = Awaited<ReturnType<typeof bootOffice>>;

describe.each(databaseTargets())('office-resources outgoing documents on $name', (target) => {
  let o: Office;
  const year = Number(chinaDate(new Date()).slice(0, 4));
  beforeAll(async () => {
    o = await bootOffice(target);
  }, 60_000);
  afterAll(() => o.app.close());

  const table = (name: string) => sql.table(`${o.app.app.database.schema}.${name}`);
  /** Drafts `patch` and takes it through review and sign-off. */
  const signed = async (patch: Record<string, unknown> = {}) => {
    const d = await o.clerk.documents.draft.mutate(notice(patch));
    await o.clerk.documents.submit.mutate({ id: d.id });
    await o.reviewer.documents.review.mutate({ id: d.id, decision: 'approve' });
    return o.leader.documents.sign.mutate({ id: d.id });
  };

  it('takes a 通知 from draft to distribution, numbering, sealing and auditing every step', async () => {
    const doc = await signed();
    expect(doc).toMatchObject({
      status: 'signed',
      signedBy: 'official:leader',
      datedOn: chinaDate(new Date()),
    });
    const registered = await o.clerk.documents.register.mutate({ id: doc.id });
    expect(registered.number).toMatch(new RegExp(`^国办发〔${year}〕\\d+号$`));
    const sealed = await o.clerk.documents.seal.mutate({ id: doc.id });
    expect(sealed.status).toBe('sealed');
    const distributed = await o.clerk.documents.distribute.mutate({ id: doc.id });
    expect(distributed.status).toBe('distributed');

    const { rows: dist } = await sql<{ agency_code: string; role: string }>`
      select agency_code, role from ${table('distribution')} where document_id = ${doc.id} order by role`.execute(
      o.app.app.database.db,
    );
    expect(dist).toEqual([
      { agency_code: 'mwr', role: 'addressee' },
      { agency_code: 'mof', role: 'copy' },
    ]);
    const { rows: events } = await sql<{ payload: { number: string; title?: string } }>`
      select payload from ${table('outbox')} where name = 'office-resources.document.distributed.v1'`.execute(
      o.app.app.database.db,
    );
    expect(events.map((e) => e.payload)).toContainEqual(
      expect.objectContaining({ number: registered.number, title: doc.title }),
    );
    const { rows: audit } = await sql<{ procedure: string }>`
      select procedure from ${table('audit_record')} where object_ids @> jsonb_build_array(${`document:${doc.id}`}::text)
      and outcome = 'ok' order by seq`.execute(o.app.app.database.db);
    expect(audit.map((a) => a.procedure)).toEqual([
      'documents.draft',
      'documents.submit',
      'documents.review',
      'documents.sign',
      'documents.register',
      'documents.seal',
      'documents.distribute',
    ]);
  });

  it('marks an addressee signed for when its receipt (回执) comes back, once', async () => {
    const doc = await signed();
    await o.clerk.documents.register.mutate({ id: doc.id });
    await o.clerk.documents.seal.mutate({ id: doc.id });
    const sent = await o.clerk.documents.distribute.mutate({ id: doc.id });
    const receipt = {
      senderAgency: 'gosc',
      senderNumber: sent.number!,
      receiverAgency: 'mwr',
      receiptNumber: '水收〔2026〕8号',
      receivedBy: 'official:mwr-clerk',
      receivedAt: new Date().toISOString(),
    };
    const envelope = {} as Parameters<typeof receiptHandler.handle>[2];
    // As the inbox worker does: each event in a transaction of its own.
    const deliver = (payload: typeof receipt) =>
      o.app.app.database.db.transaction().execute((trx) => receiptHandler.handle(trx, payload, envelope));
    await deliver(receipt);
    await deliver({ ...receipt, receivedAt: new Date(Date.now() + 60_000).toISOString() });
    await deliver({ ...receipt, senderAgency: 'mof', receiverAgency: 'mof' });
    const rows = await o.clerk.documents.distributions.query({ id: doc.id });
    expect(rows).toEqual([
      expect.objectContaining({ agencyCode: 'mwr', role: 'addressee', receiptedAt: receipt.receivedAt }),
      expect.objectContaining({ agencyCode: 'mof', role: 'copy', receiptedAt: null }),
    ]);
  });

  it('renders an A4 PDF after GB/T 9704 whose seal verifies offline; a sample is written for people', async () => {
    const doc = await signed();
    await o.clerk.documents.register.mutate({ id: doc.id });
    const sealed = await o.clerk.documents.seal.mutate({ id: doc.id });
    const r = await o.clerk.documents.render.query({ id: doc.id });
    expect(r.sealed).toBe(true);
    const pdf = new Uint8Array(Buffer.from(r.pdfBase64, 'base64'));
    const proxy = await getDocumentProxy(pdf.slice());
    const page = await proxy.getPage(1);
    const [, , w, h] = page.view;
    expect([Math.round((w! * 25.4) / 72), Math.round((h! * 25.4) / 72)]).toEqual([210, 297]);
    const { text } = await extractText(proxy, { mergePages: true });
    const flat = text.replace(/\s+/g, '');
    for (const expected of [
      '国务院办公厅文件',
      sealed.number!,
      '特急',
      '国务院办公厅关于切实做好2026年防汛抗旱工作的通知',
      '水利部：',
      '当前已进入主汛期',
      '附件：2026年防汛抗旱重点工作清单',
      `${year}年`,
      '（此件公开发布）',
      '抄送：财政部。',
      '国务院办公厅秘书局',
      '印发',
      '—1—',
    ])
      expect(flat).toContain(expected.replace(/\s+/g, ''));
    // The font is embedded (a subset), so the text is readable on any machine.
    // Both fonts are embedded, and every character of the title has an outline in them (a subset
    // that loses composite glyphs prints blanks while its text still extracts).
    const loaded = await PDFDocument.load(pdf);
    const programs = loaded.context
      .enumerateIndirectObjects()
      .flatMap(([, o]) =>
        o instanceof PDFDict && o.has(PDFName.of('FontFile2')) ? [o.lookup(PDFName.of('FontFile2'))] : [],
      )
      .filter((o): o is PDFRawStream => o instanceof PDFRawStream);
    expect(programs).toHaveLength(2);
    for (const program of programs) {
      const font = fontkit.create(Buffer.from(decodePDFRawStream(program).decode())) as Font;
      for (const ch of `${sealed.title}${sealed.issuer}文件`) {
        const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
        expect(glyph.id, ch).not.toBe(0);
        expect(glyph.path.toSVG().length, ch).toBeGreaterThan(0);
      }
    }

    const verified = await verifySeal({
      document: pdf,
      seal: r.seal,
      trustedRoots: [o.root],
      revocations: [],
    });
    expect(verified).toMatchObject({ valid: true, signer: { agencyCode: 'gosc' } });
    const tampered = pdf.slice();
    const at = tampered.length - 10;
    tampered[at] = (tampered[at] ?? 0) ^ 1;
    expect(
      await verifySeal({ document: tampered, seal: r.seal, trustedRoots: [o.root], revocations: [] }),
    ).toMatchObject({
      valid: false,
      reason: 'digest_mismatch',
    });

    const dir = join(dataRoot(), 'samples', 'office-resources');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'official-document.pdf'), pdf);
    writeFileSync(join(dir, 'official-document.seal.json'), `${JSON.stringify(r.seal, null, 2)}\n`);
    writeFileSync(join(dir, 'trusted-root.pem'), o.root);
  });

  it('gives parallel registrations of one code and year distinct numbers with no gap', async () => {
    const docs = await Promise.all(Array.from({ length: 12 }, () => signed()));
    const before = await o.app.app.database.db
      .selectFrom('document_number_sequence')
      .select('last_serial')
      .where('document_code', '=', '国办发')
      .where('year', '=', year)
      .executeTakeFirst();
    const start = before?.last_serial ?? 0;
    const rs = await Promise.all(docs.map((d) => o.clerk.documents.register.mutate({ id: d.id })));
    const serials = rs.map((r) => Number(/〕(\d+)号$/.exec(r.number!)![1])).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 12 }, (_, i) => start + i + 1));
  });

  it('leaves no gap and no duplicate after registrations sent in one tRPC batch', async () => {
    const docs = await Promise.all(Array.from({ length: 5 }, () => signed()));
    const token = await o.app.token(perm.register);
    const res = await o.app.app.hono.request(
      `/trpc/${docs.map(() => 'documents.register').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(Object.fromEntries(docs.map((d, i) => [i, { id: d.id }]))),
      },
    );
    expect(res.status).toBeLessThan(500);
    // Whatever the kernel's batch limits let through, the year's numbers stay 1..n without a hole.
    const { rows } = await sql<{ serial: number }>`select serial from ${table('document')}
      where document_code = '国办发' and year = ${year} and serial is not null order by serial`.execute(
      o.app.app.database.db,
    );
    expect(rows.map((r) => r.serial)).toEqual(rows.map((_, i) => i + 1));
    const { rows: seq } = await sql<{
      last_serial: number;
    }>`select last_serial from ${table('document_number_sequence')}
      where document_code = '国办发' and year = ${year}`.execute(o.app.app.database.db);
    expect(seq[0]?.last_serial).toBe(rows.length);
  });

  it('refuses a serial out of sequence (409 expectedSerial out_of_sequence) and gives the number to the next', async () => {
    const [a, b] = [await signed(), await signed()];
    const before = await o.written();
    const { rows } = await sql<{
      last_serial: number;
    }>`select last_serial from ${table('document_number_sequence')}
      where document_code = '国办发' and year = ${year}`.execute(o.app.app.database.db);
    const next = (rows[0]?.last_serial ?? 0) + 1;
    const r = await o.app.call(
      'documents.register',
      { id: a.id, expectedSerial: next + 5 },
      await o.app.token(perm.register),
    );
    expect(r.status).toBe(409);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'expectedSerial', rule: 'out_of_sequence' }),
    ]);
    expect(await o.written()).toEqual(before);
    const ok = await o.clerk.documents.register.mutate({ id: b.id, expectedSerial: next });
    expect(ok.number).toBe(`国办发〔${year}〕${next}号`);
  });

  it('refuses a sign-off by an official without the authority (403 signer no_signing_authority), writing nothing', async () => {
    const d = await o.clerk.documents.draft.mutate(
      notice({ classification: 'top-secret', copyNumber: '000001', secrecyTermYears: 30 }),
    );
    await o.clerk.documents.submit.mutate({ id: d.id });
    await o.reviewer.documents.review.mutate({ id: d.id, decision: 'approve' });
    const before = await o.written();
    const leaderToken = await o.app.identity.officialToken({ username: 'leader', permissions: [perm.sign] });
    const other = await o.app.identity.officialToken({ username: 'deputy', permissions: [perm.sign] });
    for (const token of [leaderToken, other]) {
      // The leader's authority stops at 机密; the deputy holds none.
      const r = await o.app.call('documents.sign', { id: d.id }, token);
      expect(r.status).toBe(403);
      expect(r.error?.data.issues).toEqual([
        expect.objectContaining({ path: 'signer', rule: 'no_signing_authority' }),
      ]);
    }
    expect(await o.written()).toEqual(before);
  });

  it('never changes a signed-off document; a correction is a new document naming it', async () => {
    const doc = await signed();
    const reg = await o.clerk.documents.register.mutate({ id: doc.id });
    await expect(
      sql`update ${table('document')} set title = 'changed' where id = ${doc.id}`.execute(
        o.app.app.database.db,
      ),
    ).rejects.toThrow(/never changes/);
    await expect(
      sql`delete from ${table('document')} where id = ${doc.id}`.execute(o.app.app.database.db),
    ).rejects.toThrow(/never deleted/);
    const fix = await o.clerk.documents.draft.mutate(
      notice({ corrects: reg.number, title: '国务院办公厅关于更正防汛抗旱工作通知的通知' }),
    );
    expect(fix).toMatchObject({ corrects: reg.number, status: 'draft' });
    expect((await o.clerk.documents.get.query({ id: doc.id })).title).toBe(doc.title);
  });

  it('keeps classified documents in the internal zone and records every reader', async () => {
    const before = await o.written();
    const drafter = await o.app.token(perm.draft);
    const secret = notice({
      classification: 'secret',
      copyNumber: '000012',
      secrecyTermYears: 10,
      addressees: [{ code: 'moa', name: '农业农村部' }],
    });
    const r = await o.app.call('documents.draft', secret, drafter);
    expect(r.status).toBe(403);
    expect(r.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'addressees.0.code', rule: 'classified_to_external_zone' }),
    ]);
    expect(await o.written()).toEqual(before);

    // A recipient whose system moved to the external zone after the draft: distribution refuses it.
    await o.admin.recipients.register.mutate({ agencyCode: 'nhc', name: '国家卫生健康委', zone: 'internal' });
    const doc = await signed({ ...secret, addressees: [{ code: 'nhc', name: '国家卫生健康委' }] });
    await o.clerk.documents.register.mutate({ id: doc.id });
    await o.clerk.documents.seal.mutate({ id: doc.id });
    await o.admin.recipients.register.mutate({ agencyCode: 'nhc', name: '国家卫生健康委', zone: 'external' });
    const mid = await o.written();
    const refused = await o.app.call(
      'documents.distribute',
      { id: doc.id },
      await o.app.token(perm.distribute),
    );
    expect(refused.status).toBe(403);
    expect(refused.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'addressees.0.code', rule: 'classified_to_external_zone' }),
    ]);
    expect(await o.written()).toEqual(mid);

    // An external-zone service is refused by the kernel's zones before anything is read.
    const external = await o.app.identity.serviceToken({
      app: 'golden-agriculture',
      zone: 'external',
      permissions: [perm.read],
    });
    expect((await o.app.call('documents.get', { id: doc.id }, external, 'query')).status).toBe(403);

    await o.clerk.documents.get.query({ id: doc.id });
    await o.reviewer.documents.render.query({ id: doc.id });
    const readings = await o.admin.documents.readings.query({ id: doc.id });
    expect(readings.map((x) => [x.reader, x.procedure])).toEqual(
      expect.arrayContaining([
        ['official:clerk', 'documents.get'],
        ['official:reviewer', 'documents.render'],
      ]),
    );
    const { rows } = await sql<{ payload: unknown }>`select payload from ${table('outbox')}
      where payload->>'documentId' = ${doc.id}`.execute(o.app.app.database.db);
    expect(rows).toEqual([]);
  });

  it.each([
    ['signatories', { kind: '请示', direction: 'upward', signatories: [] }, 'signatory_required'],
    ['direction', { kind: '请示', direction: 'downward' }, 'kind_direction'],
    ['copyNumber', { classification: 'secret' }, 'copy_number_required'],
    [
      'secrecyTermYears',
      { classification: 'secret', copyNumber: '000001', secrecyTermYears: 20 },
      'secrecy_term_too_long',
    ],
    ['addressees.0.code', { addressees: [{ code: 'nowhere', name: '无此机关' }] }, 'unknown_recipient'],
    ['corrects', { corrects: '国办发〔2026〕017号' }, 'number_format'],
    ['kind', { kind: '简报' }, 'invalid_value'],
    ['title', { title: '通知\u202E' }, 'bidi_control'],
    ['(input)', { extra: 1 }, 'unknown_field'],
  ])(
    'refuses a draft with a bad %s (4xx naming the field and the rule), writing nothing',
    async (path, patch, rule) => {
      const before = await o.written();
      const r = await o.app.call('documents.draft', notice(patch), await o.app.token(perm.draft));
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.error?.data.issues).toEqual([expect.objectContaining({ path, rule })]);
      expect(await o.written()).toEqual(before);
    },
  );

  it('holds the limit of 50 recipients a list one by one, in one tRPC batch and in parallel, writing nothing', async () => {
    const tooMany = notice({
      addressees: Array.from({ length: 51 }, (_, i) => ({ code: `agency-${i}`, name: '某机关' })),
    });
    const token = await o.app.token(perm.draft);
    const before = await o.written();
    const one = await o.app.call('documents.draft', tooMany, token);
    expect(one.status).toBe(400);
    expect(one.error?.data.issues).toEqual([
      expect.objectContaining({ path: 'addressees', rule: 'too_big' }),
    ]);
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => o.app.call('documents.draft', tooMany, token)),
    );
    expect(parallel.map((r) => r.status)).toEqual(Array(8).fill(400));
    const res = await o.app.app.hono.request(`/trpc/${Array(4).fill('documents.draft').join(',')}?batch=1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(Object.fromEntries([0, 1, 2, 3].map((i) => [i, tooMany]))),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await o.written()).toEqual(before);
  });

  it('refuses steps out of order and a drafter reviewing their own draft', async () => {
    const d = await o.clerk.documents.draft.mutate(notice());
    const signer = await o.app.identity.officialToken({ username: 'leader', permissions: [perm.sign] });
    expect((await o.app.call('documents.sign', { id: d.id }, signer)).error?.data.issues).toEqual([
      expect.objectContaining({ path: 'id', rule: 'wrong_status' }),
    ]);
    await o.clerk.documents.submit.mutate({ id: d.id });
    const self = await o.app.identity.officialToken({ username: 'clerk', permissions: [perm.review] });
    expect(
      (await o.app.call('documents.review', { id: d.id, decision: 'approve' }, self)).error?.data.issues,
    ).toEqual([expect.objectContaining({ path: 'id', rule: 'reviewer_is_drafter' })]);
  });

  it('seeds its recipient directory once', async () => {
    await seedOfficeResources(o.app.app.database, silentLogger());
    const first = await o.written();
    await seedOfficeResources(o.app.app.database, silentLogger());
    expect(await o.written()).toEqual(first);
    const codes = await o.app.app.database.db.selectFrom('recipient').select('agency_code').execute();
    expect(codes.map((c) => c.agency_code)).toEqual(
      expect.arrayContaining(demoRecipients.map((r) => r.agencyCode)),
    );
  });

  it('guards every procedure with a permission of its manifest', () => {
    expect(undeclaredProcedures(officeResources.router)).toEqual([]);
    const declared = listProcedures(officeResources.router).filter((p) => !p.path.startsWith('audit.'));
    for (const p of declared)
      expect(Object.keys(officeResources.manifest?.permissions ?? {})).toContain(p.meta?.permission);
  });
});
