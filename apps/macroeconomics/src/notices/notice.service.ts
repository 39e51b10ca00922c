import { isoDate, toSafeInteger } from '@egov/kernel/db';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { MacroeconomicsDb } from '../database.ts';
import { checkEffectiveOn, noticeNumber, parseNoticeNumber } from './notice.rules.ts';

export interface Notice {
  number: string;
  title: string;
  body: string;
  /** `YYYY-MM-DD`. */
  effectiveOn: string;
  publishedBy: string;
  /** ISO 8601, UTC. */
  publishedAt: string;
}

/**
 * Publishes a notice; it may not take effect before today (China time).
 *
 * @example
 * await publishNotice(db, { title: '停水通知', body: '…', effectiveOn: '2026-03-01' }, recorderOf(ctx));
 */
export async function publishNotice(
  db: MacroeconomicsDb,
  input: { title: string; body: string; effectiveOn: string },
  recorder: Recorder,
): Promise<Notice> {
  const checked = checkEffectiveOn(input.effectiveOn, chinaDate(recorder.at));
  if (!checked.ok)
    throw new DomainError('INVALID', checked.message, { field: 'effectiveOn', rule: checked.part });
  const row = await db
    .insertInto('notice')
    .values({
      title: input.title,
      body: input.body,
      effective_on: checked.value,
      published_by: recorder.by,
      published_at: recorder.at,
    })
    .returning('serial')
    .executeTakeFirstOrThrow();
  const notice = await findNotice(db, noticeNumber(toSafeInteger(row.serial)));
  if (!notice) throw new Error('a notice just written cannot be read back');
  return notice;
}

/** The notice with `number`, or undefined (also for a text that is no notice number). */
export async function findNotice(db: MacroeconomicsDb, number: string): Promise<Notice | undefined> {
  const parsed = parseNoticeNumber(number);
  if (!parsed.ok) return undefined;
  const row = await db
    .selectFrom('notice')
    .select([
      'serial',
      'title',
      'body',
      'published_by',
      'published_at',
      isoDate('effective_on').as('effectiveOn'),
    ])
    .where('serial', '=', parsed.value)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    number: noticeNumber(toSafeInteger(row.serial)),
    title: row.title,
    body: row.body,
    effectiveOn: row.effectiveOn,
    publishedBy: row.published_by,
    publishedAt: row.published_at.toISOString(),
  };
}
