import { z } from 'zod';
import { CLASSIFICATIONS, DIRECTIONS, STATUSES, URGENCIES } from './document.rules.ts';

const PartyView = z.strictObject({ code: z.string(), name: z.string() });

/** How a document is shown: every layout element, its workflow state and its number. */
export const DocumentView = z.strictObject({
  id: z.string(),
  kind: z.string(),
  direction: z.enum(DIRECTIONS),
  classification: z.enum(CLASSIFICATIONS),
  secrecyTermYears: z.number().nullable(),
  copyNumber: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  documentCode: z.string(),
  issuer: z.string(),
  signatories: z.array(z.string()),
  title: z.string(),
  addressees: z.array(PartyView),
  body: z.string(),
  attachments: z.array(z.string()),
  notes: z.string().nullable(),
  copiesTo: z.array(PartyView),
  printingOffice: z.string(),
  corrects: z.string().nullable(),
  status: z.enum(STATUSES),
  draftedBy: z.string(),
  reviewedBy: z.string().nullable(),
  reviewComment: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  datedOn: z.string().nullable(),
  number: z.string().nullable(),
  registeredAt: z.string().nullable(),
  printedOn: z.string().nullable(),
  sealedAt: z.string().nullable(),
  distributedAt: z.string().nullable(),
});

export const SealView = z.strictObject({
  algorithm: z.string(),
  digest: z.string(),
  signedAt: z.string(),
  signature: z.string(),
  certificateChain: z.array(z.string()),
});

/** The rendered PDF (base64) and, once sealed, the detached seal over exactly those bytes. */
export const RenderView = z.strictObject({
  number: z.string().nullable(),
  contentType: z.literal('application/pdf'),
  pdfBase64: z.string(),
  sealed: z.boolean(),
  seal: SealView.nullable(),
});
