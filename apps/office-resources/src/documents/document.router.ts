import { DomainError } from '@egov/kernel/errors';
import type { Principal } from '@egov/kernel/identity';
import { recorderOf, text } from '@egov/kernel/trpc';
import { z } from 'zod';
import { documentDistributed } from '../events.ts';
import { sealHolderName, sealWithAgencyKey } from '../seals/seal.service.ts';
import { procedure, router } from '../trpc.ts';
import {
  CLASSIFICATIONS,
  classifiedZoneRefusal,
  DOCUMENT_CODES,
  DOCUMENT_KINDS,
  isClassified,
} from './document.rules.ts';
import { DocumentId, DraftInput } from './document.schemas.ts';
import {
  distributeDocument,
  distributionsOf,
  documentToSeal,
  draftDocument,
  getDocument,
  grantSigningAuthority,
  type OfficialDocument,
  readingsOf,
  recordReading,
  registerDocument,
  registerRecipient,
  reviewDocument,
  sealedCopy,
  signDocument,
  storeSealed,
  submitDocument,
} from './document.service.ts';
import { DocumentView, RenderView } from './document.view.ts';
import { renderDocumentPdf } from './pdf.view.ts';

const ById = z.strictObject({ id: DocumentId });

/**
 * Classified documents stay in the internal zone: the kernel refuses any call across zones, and this
 * refuses again any caller that is not an official or an internal-zone service.
 */
function assertMayRead(principal: Principal, doc: OfficialDocument) {
  const refusal = classifiedZoneRefusal(
    doc.classification,
    principal.kind === 'service' ? principal.zone : undefined,
  );
  if (refusal) throw new DomainError('FORBIDDEN', refusal, { field: 'id', rule: 'classified_zone' });
}

/** Outgoing official documents (发文): draft, review, sign-off, register, seal, distribute, read, render. */
export const documentsRouter = router({
  draft: procedure
    .requires('office-resources.document.draft')
    .input(DraftInput)
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      const doc = await draftDocument(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`document:${doc.id}`);
      return doc;
    }),
  submit: procedure
    .requires('office-resources.document.draft')
    .input(ById)
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      return submitDocument(ctx.db, input.id, recorderOf(ctx));
    }),
  review: procedure
    .requires('office-resources.document.review')
    .input(
      z.strictObject({
        id: DocumentId,
        decision: z.enum(['approve', 'return']),
        comment: text({ min: 1, max: 500 }).optional(),
      }),
    )
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      return reviewDocument(ctx.db, input, recorderOf(ctx));
    }),
  sign: procedure
    .requires('office-resources.document.sign')
    .input(ById)
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      return signDocument(ctx.db, input.id, recorderOf(ctx));
    }),
  register: procedure
    .requires('office-resources.document.register')
    .input(
      z.strictObject({ id: DocumentId, expectedSerial: z.number().int().min(1).max(999_999).optional() }),
    )
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      return registerDocument(ctx.db, input, recorderOf(ctx));
    }),
  seal: procedure
    .requires('office-resources.document.seal')
    .input(ById)
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      const at = ctx.now();
      const doc = await documentToSeal(ctx.db, input.id);
      const pdf = await renderDocumentPdf(doc, { seal: { holder: await sealHolderName(ctx.db, at) }, at });
      const seal = await sealWithAgencyKey(ctx.db, pdf, at);
      return storeSealed(ctx.db, { id: input.id, pdf, seal }, recorderOf(ctx));
    }),
  distribute: procedure
    .requires('office-resources.document.distribute')
    .input(ById)
    .output(DocumentView)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`document:${input.id}`);
      const doc = await distributeDocument(ctx.db, input.id, recorderOf(ctx));
      const copy = await sealedCopy(ctx.db, doc.id);
      if (!copy) throw new Error('a distributed document has no sealed copy');
      await ctx.publish(documentDistributed, {
        documentId: doc.id,
        number: doc.number!,
        kind: doc.kind,
        classified: isClassified(doc.classification),
        ...(isClassified(doc.classification) ? {} : { title: doc.title }),
        issuer: doc.issuer,
        recipients: [
          ...doc.addressees.map((p) => ({ code: p.code, role: 'addressee' as const })),
          ...doc.copiesTo.map((p) => ({ code: p.code, role: 'copy' as const })),
        ],
        sealDigest: (copy.seal as { digest: string }).digest,
        distributedAt: doc.distributedAt!,
      });
      return doc;
    }),
  get: procedure
    .requires('office-resources.document.read')
    .input(ById)
    .output(DocumentView)
    .query(async ({ ctx, input }) => {
      const doc = await getDocument(ctx.db, input.id);
      assertMayRead(ctx.principal, doc);
      await recordReading(ctx.db, doc, ctx.principal.id, 'documents.get', ctx.now());
      return doc;
    }),
  /** The PDF after GB/T 9704: the sealed copy once sealed (with its detached seal), else a draft rendering. */
  render: procedure
    .requires('office-resources.document.read')
    .input(ById)
    .output(RenderView)
    .query(async ({ ctx, input }) => {
      const doc = await getDocument(ctx.db, input.id);
      assertMayRead(ctx.principal, doc);
      await recordReading(ctx.db, doc, ctx.principal.id, 'documents.render', ctx.now());
      const copy = await sealedCopy(ctx.db, doc.id);
      const pdf = copy?.pdf ?? (await renderDocumentPdf(doc, { at: ctx.now() }));
      return {
        number: doc.number,
        contentType: 'application/pdf' as const,
        pdfBase64: Buffer.from(pdf).toString('base64'),
        sealed: Boolean(copy),
        seal: (copy?.seal as z.infer<typeof RenderView>['seal']) ?? null,
      };
    }),
  /** Where the document went and whether each recipient signed for it (receipts come back as events). */
  distributions: procedure
    .requires('office-resources.document.read')
    .input(ById)
    .output(
      z.array(
        z.strictObject({
          agencyCode: z.string(),
          role: z.enum(['addressee', 'copy']),
          distributedAt: z.string(),
          receiptedAt: z.string().nullable(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const doc = await getDocument(ctx.db, input.id);
      assertMayRead(ctx.principal, doc);
      return distributionsOf(ctx.db, input.id);
    }),
  /** 阅文登记: who read a classified document, when, and how. */
  readings: procedure
    .requires('office-resources.reading.read')
    .input(ById)
    .output(z.array(z.strictObject({ reader: z.string(), procedure: z.string(), readAt: z.string() })))
    .query(async ({ ctx, input }) => {
      await getDocument(ctx.db, input.id);
      return readingsOf(ctx.db, input.id);
    }),
});

/** Who may sign off what (签发权限). */
export const authoritiesRouter = router({
  grant: procedure
    .requires('office-resources.authority.grant')
    .input(
      z.strictObject({
        official: z.string().regex(/^official:[A-Za-z0-9._@-]{1,64}$/, 'an official id, official:<id>'),
        documentCode: z.enum(Object.keys(DOCUMENT_CODES) as [string, ...string[]]),
        kinds: z.array(z.enum(DOCUMENT_KINDS)).max(15).default([]),
        maxClassification: z.enum(CLASSIFICATIONS),
      }),
    )
    .output(
      z.strictObject({
        id: z.number(),
        official: z.string(),
        documentCode: z.string(),
        kinds: z.array(z.string()),
        maxClassification: z.enum(CLASSIFICATIONS),
        grantedAt: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const granted = await grantSigningAuthority(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`signing-authority:${granted.id}`);
      return granted;
    }),
});

/** The directory of agencies documents go to, with the zone of each one's receiving system. */
export const recipientsRouter = router({
  register: procedure
    .requires('office-resources.recipient.manage')
    .input(
      z.strictObject({
        agencyCode: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
        name: text({ min: 2, max: 60 }),
        app: z
          .string()
          .regex(/^[a-z][a-z0-9-]{1,39}$/)
          .optional(),
        zone: z.enum(['internal', 'external']),
      }),
    )
    .output(
      z.strictObject({
        agencyCode: z.string(),
        name: z.string(),
        app: z.string().nullable(),
        zone: z.enum(['internal', 'external']),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`recipient:${input.agencyCode}`);
      return registerRecipient(ctx.db, input, recorderOf(ctx));
    }),
});
