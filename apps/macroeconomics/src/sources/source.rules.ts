import { parseDivisionCode, parseIndustryCode } from '@egov/standards';
import { z } from 'zod';
import { DECIMAL } from '../indicators/unit.rules.ts';

/**
 * The publications macroeconomics subscribes to: each catalog resource, the app that owns it and the
 * procedure that serves a period's totals. The owners declare the same ids on those procedures.
 */
export const PUBLICATIONS = {
  'GC-TRD-0001': { ownerApp: 'golden-customs', procedure: 'statistics.monthlyTrade' },
  'GT-REV-0001': { ownerApp: 'golden-tax', procedure: 'statistics.monthlyRevenue' },
  'GF-REC-0001': { ownerApp: 'golden-finance', procedure: 'statistics.monthlyReceipts' },
} as const;
export type PublicationId = keyof typeof PUBLICATIONS;
export const PUBLICATION_IDS = Object.keys(PUBLICATIONS) as [PublicationId, ...PublicationId[]];

/** `100000`: the whole country, as NBS and the civil-affairs division list write it (中华人民共和国). */
export const NATIONAL = '100000';

const Region = z.string().superRefine((value, ctx) => {
  if (value === NATIONAL) return;
  const parsed = parseDivisionCode(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
});

const Industry = z.string().superRefine((value, ctx) => {
  const parsed = parseIndustryCode(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
});

/**
 * A monthly publication as another agency serves it (checked again here: it is another system's input).
 * Strict: a row carrying anything but a measure, a region, an industry and a value (a growth rate, an
 * index) is refused; derived figures are computed here, never received.
 */
export const Publication = z.strictObject({
  resourceId: z.string().max(32),
  period: z.string().max(7),
  unit: z.string().max(8),
  asOf: z.string().max(40),
  rows: z
    .array(
      z.strictObject({
        measure: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
        region: Region,
        industry: Industry.optional(),
        value: z.string().max(40).regex(DECIMAL, 'must be an exact decimal string'),
      }),
    )
    .max(20_000),
});
export type Publication = z.infer<typeof Publication>;
