import { isoDate } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import type { MacroeconomicsDb } from '../database.ts';
import type { DefineIndicatorInput, IndicatorView } from './indicator.schemas.ts';
import { type Frequency, periodLabel, periodStart } from './period.rules.ts';

/**
 * Defines an indicator: its unit, frequency and the catalog resource and measure it is fed from.
 * A parent must exist and share the unit and frequency (a share is a part of a whole in one unit).
 *
 * @example
 * await defineIndicator(trx, { code: 'FIN-REC-VAT', ..., parent: 'FIN-REC-TOTAL' }, recorderOf(ctx));
 */
export async function defineIndicator(
  db: MacroeconomicsDb,
  input: DefineIndicatorInput,
  recorder: Recorder,
): Promise<IndicatorView> {
  if (await findIndicator(db, input.code))
    throw new DomainError('CONFLICT', `indicator ${input.code} exists`, { field: 'code', rule: 'exists' });
  if (input.parent) {
    const parent = await findIndicator(db, input.parent);
    if (!parent)
      throw new DomainError('INVALID', `no indicator ${input.parent}`, { field: 'parent', rule: 'unknown' });
    if (parent.unit !== input.unit || parent.frequency !== input.frequency)
      throw new DomainError(
        'INVALID',
        `a part must share its whole's unit and frequency (${parent.unit}, ${parent.frequency})`,
        {
          field: 'parent',
          rule: 'unit',
        },
      );
  }
  let indexBase: string | null = null;
  if (input.indexBase !== undefined) {
    const start = periodStart(input.indexBase, input.frequency);
    if (!start.ok) throw new DomainError('INVALID', start.message, { field: 'indexBase', rule: start.part });
    indexBase = start.value;
  }
  const taken = await db
    .selectFrom('indicator')
    .select('code')
    .where('source_resource', '=', input.source.resourceId)
    .where('source_measure', '=', input.source.measure)
    .executeTakeFirst();
  if (taken)
    throw new DomainError(
      'CONFLICT',
      `${input.source.resourceId}/${input.source.measure} already feeds ${taken.code}`,
      {
        field: 'source.measure',
        rule: 'exists',
      },
    );
  await db
    .insertInto('indicator')
    .values({
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      unit: input.unit,
      frequency: input.frequency,
      source_resource: input.source.resourceId,
      source_measure: input.source.measure,
      parent: input.parent ?? null,
      index_base: indexBase,
      defined_by: recorder.by,
      defined_at: recorder.at,
    })
    .execute();
  return (await findIndicator(db, input.code))!;
}

/** The indicator with `code`, or undefined. */
export async function findIndicator(db: MacroeconomicsDb, code: string): Promise<IndicatorView | undefined> {
  return (await listIndicators(db, code))[0];
}

/** Every indicator (or the one with `code`), by code. */
export async function listIndicators(db: MacroeconomicsDb, code?: string): Promise<IndicatorView[]> {
  let q = db
    .selectFrom('indicator')
    .select([
      'code',
      'name_zh',
      'name_en',
      'unit',
      'frequency',
      'source_resource',
      'source_measure',
      'parent',
      isoDate<null>('index_base').as('indexBase'),
    ])
    .orderBy('code');
  if (code) q = q.where('code', '=', code);
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    unit: r.unit,
    frequency: r.frequency,
    source: { resourceId: r.source_resource, measure: r.source_measure },
    parent: r.parent,
    indexBase: r.indexBase ? periodLabel(r.indexBase, r.frequency as Frequency) : null,
  }));
}

/**
 * The indicator with `code` or a 404 naming `field`.
 */
export async function requireIndicator(
  db: MacroeconomicsDb,
  code: string,
  field = 'indicator',
): Promise<IndicatorView> {
  const found = await findIndicator(db, code);
  if (!found) throw new DomainError('NOT_FOUND', `no indicator ${code}`, { field, rule: 'unknown' });
  return found;
}
