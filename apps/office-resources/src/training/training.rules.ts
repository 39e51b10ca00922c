/*
 * Civil-servant training and assessment (S7).
 * - Required hours: 干部教育培训工作条例 (中共中央, 2015; revised 2023) asks that officials take part
 *   in training for, as a rule, at least 12 days or 90 credit hours (学时) a year. (R): from memory of
 *   the public text; kept dated here so a correction is one line.
 * - An exam is scored as the sum of the points of the questions answered right; it is passed at or
 *   above its pass mark. A course's credit hours are earned once, on its exam's first pass.
 */

export const ANNUAL_HOURS: { since: string; hours: number }[] = [{ since: '2015-10-01', hours: 90 }];

/** The annual hours required in `year` (the rule in force on 1 January). */
export function requiredHours(year: number): number {
  const rule = ANNUAL_HOURS.filter((r) => r.since <= `${year}-12-31`).at(-1);
  if (!rule) throw new RangeError(`no annual training requirement for ${year}`);
  return rule.hours;
}

export interface Question {
  prompt: string;
  options: string[];
  /** Index into options. */
  answer: number;
  points: number;
}

/**
 * Scores `answers` (an option index per question, in order) against the questions.
 *
 * @example score([{ prompt: 'q', options: ['a', 'b'], answer: 1, points: 5 }], [1]) // 5
 */
export function score(questions: Question[], answers: number[]): number {
  return questions.reduce((sum, q, i) => sum + (answers[i] === q.answer ? q.points : 0), 0);
}
