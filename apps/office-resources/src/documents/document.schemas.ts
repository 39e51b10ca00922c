import { text } from '@egov/kernel/trpc';
import { z } from 'zod';
import { CLASSIFICATIONS, DIRECTIONS, DOCUMENT_CODES, DOCUMENT_KINDS, URGENCIES } from './document.rules.ts';

/** An agency as a document names it: its code in the recipient directory and its name. */
export const Party = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'an agency code: lower-case letters, digits, hyphens'),
  name: text({ min: 1, max: 60 }),
});

export const DocumentId = z.uuid();
export const DocumentNumberText = z.string().max(40);

/** A draft: the layout elements of GB/T 9704-2012 7 that the drafter writes. */
export const DraftInput = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  direction: z.enum(DIRECTIONS),
  classification: z.enum(CLASSIFICATIONS),
  secrecyTermYears: z.number().int().min(1).max(30).optional(),
  /** 份号: six digits (GB/T 9704 7.2.1). */
  copyNumber: z
    .string()
    .regex(/^\d{6}$/, 'a copy number is six digits')
    .optional(),
  urgency: z.enum(URGENCIES).default('normal'),
  documentCode: z.enum(Object.keys(DOCUMENT_CODES) as [string, ...string[]]),
  /** 发文机关标志 / 署名, e.g. 国务院办公厅. */
  issuer: text({ min: 2, max: 40 }),
  signatories: z
    .array(text({ min: 2, max: 20 }))
    .max(4)
    .default([]),
  title: text({ min: 4, max: 120 }),
  addressees: z.array(Party).max(50),
  body: text({ multiline: true, min: 1, max: 20_000 }),
  attachments: z
    .array(text({ min: 1, max: 120 }))
    .max(20)
    .default([]),
  notes: text({ min: 1, max: 200 }).optional(),
  copiesTo: z.array(Party).max(50).default([]),
  printingOffice: text({ min: 2, max: 40 }),
  /** A correction names the registered document it corrects; the original never changes. */
  corrects: DocumentNumberText.optional(),
});
export type DraftInput = z.output<typeof DraftInput>;
