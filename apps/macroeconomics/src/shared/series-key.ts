import { parseDivisionCode, parseIndustryCode } from '@egov/standards';
import { z } from 'zod';
import { IndicatorCode } from '../indicators/indicator.schemas.ts';
import { NATIONAL } from '../sources/source.rules.ts';

/** A GB/T 2260 division or `100000`, the whole country. */
export const Region = z
  .string()
  .max(6)
  .superRefine((value, ctx) => {
    if (value === NATIONAL) return;
    const parsed = parseDivisionCode(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
  });

/** A GB/T 4754-2017 section or division; omitted: all industries. */
export const Industry = z
  .string()
  .max(4)
  .superRefine((value, ctx) => {
    const parsed = parseIndustryCode(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
  });

/** Which series: an indicator, a region (default the whole country), an industry (default all). */
export const SeriesKey = z.strictObject({
  indicator: IndicatorCode,
  region: Region.default(NATIONAL),
  industry: Industry.optional(),
});

export const SeriesPointView = z.object({
  period: z.string(),
  value: z.string(),
  revision: z.number(),
  observationId: z.string(),
  released: z.boolean(),
  derived: z.record(z.string(), z.string()),
});

const SourceView = z
  .object({
    datasetId: z.string(),
    resourceId: z.string(),
    ownerApp: z.string(),
    procedure: z.string(),
    grantId: z.string(),
    requestId: z.string(),
    digest: z.string(),
  })
  .nullable();

export const ObservationView = z.object({
  id: z.string(),
  indicator: z.string(),
  region: z.string(),
  industry: z.string(),
  periodStart: z.string(),
  revision: z.number(),
  value: z.string(),
  unit: z.string(),
  recordedAt: z.string(),
  source: SourceView,
});
