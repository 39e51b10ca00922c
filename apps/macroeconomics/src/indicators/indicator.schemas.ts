import { z } from 'zod';
import { UNITS } from './unit.rules.ts';

export const IndicatorCode = z
  .string()
  .max(32)
  .regex(/^[A-Z]{2,4}(-[A-Z0-9]{2,8}){1,3}$/, 'must be like CUS-IMP-VALUE (upper-case parts joined by -)');
export const ResourceId = z
  .string()
  .max(32)
  .regex(/^[A-Z]{2,4}-[A-Z]{2,4}-\d{4}$/, 'must be a catalog identifier like GC-TRD-0001');
export const Frequency = z.enum(['monthly', 'quarterly', 'annual']);

export const DefineIndicatorInput = z.strictObject({
  code: IndicatorCode,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(200),
  unit: z.enum(UNITS),
  frequency: Frequency,
  source: z.strictObject({
    resourceId: ResourceId,
    measure: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a measure name in kebab case'),
  }),
  parent: IndicatorCode.optional(),
  /** The base period of the fixed-base index, written as a period of the indicator (`2026-01`). */
  indexBase: z.string().max(7).optional(),
});
export type DefineIndicatorInput = z.output<typeof DefineIndicatorInput>;

export const IndicatorView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  frequency: Frequency,
  source: z.object({ resourceId: z.string(), measure: z.string() }),
  parent: z.string().nullable(),
  indexBase: z.string().nullable(),
});
export type IndicatorView = z.infer<typeof IndicatorView>;
