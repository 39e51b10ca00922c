import { addWorkingDays, workingDaysBetween } from '@egov/standards';
import type { Urgency } from '../documents/document.rules.ts';

/*
 * Incoming documents (收文办理, 党政机关公文处理工作条例 art. 24: 签收, 登记, 初审, 承办, 传阅, 催办,
 * 答复) and supervision (督办). Deadlines count working days (@egov/standards: the State Council's
 * holiday and make-up working-day calendar).
 */

/** The receipt register's code: 国办收〔年〕序号号, gapless per year like outgoing numbers. */
export const RECEIPT_CODE = '国办收';
export const receiptNumber = (year: number, serial: number) => `${RECEIPT_CODE}〔${year}〕${serial}号`;

/**
 * Working days to handle a document by its urgency, when the assigner gives none. Not a national
 * figure: the General Office's own handling rules set them; dated so a change keeps the old ones.
 */
export const HANDLING_WORKING_DAYS: { since: string; days: Record<Urgency, number> }[] = [
  { since: '2012-07-01', days: { 'extra-urgent': 3, urgent: 5, normal: 15 } },
];

/** The working days allowed for `urgency` on `day` (YYYY-MM-DD), from the table in force then. */
export function handlingDays(urgency: Urgency, day: string): number {
  const rule = HANDLING_WORKING_DAYS.filter((r) => r.since <= day).at(-1);
  if (!rule) throw new RangeError(`no handling rule in force on ${day}`);
  return rule.days[urgency];
}

/**
 * The due day of a document assigned on `assignedOn`: `workingDays` working days later.
 *
 * @example dueOn('2026-09-30', 1) // '2026-10-08' (the National Day holiday is skipped)
 */
export const dueOn = (assignedOn: string, workingDays: number) => addWorkingDays(assignedOn, workingDays);

/** Working days past `due` on `asOf` (0 when not yet due). */
export const workingDaysOverdue = (due: string, asOf: string) => workingDaysBetween(due, asOf);
