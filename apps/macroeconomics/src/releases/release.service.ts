import { DomainError } from '@egov/kernel/errors';
import type { ObjectScope, Recorder } from '@egov/kernel/trpc';
import { sql } from 'kysely';
import type { MacroeconomicsDb } from '../database.ts';
import { requireIndicator } from '../indicators/indicator.service.ts';
import { type Frequency, periodLabel, periodStart } from '../indicators/period.rules.ts';

/** The object scope the producing team holds: `embargo: ['*']` or the codes of its indicators. */
export const EMBARGO_SCOPE = 'embargo';

export interface Release {
  indicator: string;
  period: string;
  releaseAt: string;
  announcedAt: string;
  announcedBy: string;
}

/**
 * Announces when an indicator's figure for a period is released (发布日程): beforehand only, once.
 *
 * @example
 * await announceRelease(trx, { indicator: 'CUS-IMP-VALUE', period: '2026-11', releaseAt: '2026-12-15T02:00:00Z' }, recorderOf(ctx));
 */
export async function announceRelease(
  db: MacroeconomicsDb,
  input: { indicator: string; period: string; releaseAt: string },
  recorder: Recorder,
): Promise<Release> {
  const indicator = await requireIndicator(db, input.indicator);
  const start = periodStart(input.period, indicator.frequency);
  if (!start.ok) throw new DomainError('INVALID', start.message, { field: 'period', rule: start.part });
  const releaseAt = new Date(input.releaseAt);
  if (releaseAt <= recorder.at)
    throw new DomainError('INVALID', 'a release is announced before its time', {
      field: 'releaseAt',
      rule: 'past',
    });
  const inserted = await db
    .insertInto('release')
    .values({
      indicator: indicator.code,
      period_start: start.value,
      release_at: releaseAt,
      announced_by: recorder.by,
      announced_at: recorder.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('indicator')
    .executeTakeFirst();
  if (!inserted)
    throw new DomainError(
      'CONFLICT',
      `the release of ${indicator.code} ${input.period} is already announced`,
      {
        field: 'period',
        rule: 'announced',
      },
    );
  return {
    indicator: indicator.code,
    period: input.period,
    releaseAt: releaseAt.toISOString(),
    announcedAt: recorder.at.toISOString(),
    announcedBy: recorder.by,
  };
}

/** The calendar: every announced release from `from` on (all when omitted), by time. */
export async function releaseCalendar(db: MacroeconomicsDb, from?: Date): Promise<Release[]> {
  let q = db
    .selectFrom('release as r')
    .innerJoin('indicator as i', 'i.code', 'r.indicator')
    .select([
      'r.indicator',
      'i.frequency',
      sql<string>`to_char(r.period_start, 'YYYY-MM-DD')`.as('start'),
      'r.release_at',
      'r.announced_at',
      'r.announced_by',
    ])
    .orderBy('r.release_at')
    .orderBy('r.indicator');
  if (from) q = q.where('r.release_at', '>=', from);
  return (await q.execute()).map((r) => ({
    indicator: r.indicator,
    period: periodLabel(r.start, r.frequency as Frequency),
    releaseAt: r.release_at.toISOString(),
    announcedAt: r.announced_at.toISOString(),
    announcedBy: r.announced_by,
  }));
}

/**
 * Whether the figure of `indicator` for the period starting `start` is public at `now`: its release was
 * announced and its time has come. A figure with no announced release stays embargoed.
 */
export async function isReleased(
  db: MacroeconomicsDb,
  indicator: string,
  start: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('release')
    .select('release_at')
    .where('indicator', '=', indicator)
    .where('period_start', '=', start)
    .executeTakeFirst();
  return row !== undefined && row.release_at <= now;
}

/**
 * The embargo: before its release a figure is read only by the producing team. The refusal is the
 * kernel's object-scope check (FORBIDDEN, rule `scope`, audited as an authorization refusal, queries
 * included), not a branch of the handler's own.
 */
export async function requireReadable(
  db: MacroeconomicsDb,
  scope: ObjectScope,
  indicator: string,
  start: string,
  now: Date,
): Promise<void> {
  if (await isReleased(db, indicator, start, now)) return;
  scope.require(EMBARGO_SCOPE, indicator, 'period');
}
