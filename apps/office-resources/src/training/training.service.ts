import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { chinaDate } from '@egov/standards';
import type { OfficeResourcesDb } from '../database.ts';
import { type Question, requiredHours, score } from './training.rules.ts';

/** Creates a course of `year` with its credit hours. */
export async function createCourse(
  db: OfficeResourcesDb,
  input: { code: string; title: string; creditHours: number; year: number },
  recorder: Recorder,
) {
  const row = await db
    .insertInto('course')
    .values({
      code: input.code,
      title: input.title,
      credit_hours: input.creditHours,
      year: input.year,
      created_by: recorder.by,
      created_at: recorder.at,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', `course ${input.code} exists`, { field: 'code', rule: 'exists' });
  return { id: Number(row.id), ...input };
}

async function course(db: OfficeResourcesDb, id: number) {
  const c = await db.selectFrom('course').selectAll().where('id', '=', String(id)).executeTakeFirst();
  if (!c) throw new DomainError('NOT_FOUND', `no course ${id}`, { field: 'courseId' });
  return c;
}

/** Sets a course's exam: its questions and pass mark (at most the total points); one exam per course. */
export async function setExam(
  db: OfficeResourcesDb,
  input: { courseId: number; passMark: number; questions: Question[] },
  recorder: Recorder,
) {
  await course(db, input.courseId);
  for (const [i, q] of input.questions.entries())
    if (q.answer >= q.options.length)
      throw new DomainError('INVALID', 'the answer is not one of the options', {
        field: `questions.${i}.answer`,
        rule: 'answer_not_an_option',
      });
  const total = input.questions.reduce((s, q) => s + q.points, 0);
  if (input.passMark > total)
    throw new DomainError(
      'INVALID',
      `the pass mark ${input.passMark} is above the ${total} points there are`,
      {
        field: 'passMark',
        rule: 'above_total',
      },
    );
  const row = await db
    .insertInto('exam')
    .values({
      course_id: String(input.courseId),
      pass_mark: input.passMark,
      questions: JSON.stringify(input.questions),
      total_points: total,
      created_by: recorder.by,
      created_at: recorder.at,
    })
    .onConflict((oc) => oc.column('course_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new DomainError('CONFLICT', 'this course has its exam', { field: 'courseId', rule: 'exam_exists' });
  return {
    id: Number(row.id),
    courseId: input.courseId,
    passMark: input.passMark,
    totalPoints: total,
    questions: input.questions.length,
  };
}

/** Enrols the caller in a course. */
export async function enrol(db: OfficeResourcesDb, courseId: number, recorder: Recorder) {
  await course(db, courseId);
  const row = await db
    .insertInto('enrolment')
    .values({ course_id: String(courseId), official: recorder.by, enrolled_at: recorder.at })
    .onConflict((oc) => oc.columns(['course_id', 'official']).doNothing())
    .returning('course_id')
    .executeTakeFirst();
  if (!row) throw new DomainError('CONFLICT', 'enrolled already', { field: 'courseId', rule: 'enrolled' });
  return { courseId, official: recorder.by, enrolledAt: recorder.at.toISOString() };
}

/**
 * The caller sits the course's exam: answers scored, the attempt kept; the first pass completes the
 * enrolment and earns the course's credit hours.
 */
export async function sitExam(
  db: OfficeResourcesDb,
  input: { courseId: number; answers: number[] },
  recorder: Recorder,
) {
  const c = await course(db, input.courseId);
  const exam = await db.selectFrom('exam').selectAll().where('course_id', '=', c.id).executeTakeFirst();
  if (!exam)
    throw new DomainError('CONFLICT', 'this course has no exam yet', { field: 'courseId', rule: 'no_exam' });
  const enrolment = await db
    .selectFrom('enrolment')
    .selectAll()
    .where('course_id', '=', c.id)
    .where('official', '=', recorder.by)
    .forUpdate()
    .executeTakeFirst();
  if (!enrolment)
    throw new DomainError('FORBIDDEN', 'enrol in the course first', {
      field: 'courseId',
      rule: 'not_enrolled',
    });
  if (input.answers.length !== exam.questions.length)
    throw new DomainError('INVALID', `the exam has ${exam.questions.length} questions`, {
      field: 'answers',
      rule: 'answer_count',
    });
  const points = score(exam.questions, input.answers);
  const passed = points >= exam.pass_mark;
  await db
    .insertInto('exam_attempt')
    .values({
      exam_id: exam.id,
      official: recorder.by,
      answers: JSON.stringify(input.answers),
      score: points,
      passed,
      submitted_at: recorder.at,
    })
    .execute();
  if (passed && !enrolment.completed_at)
    await db
      .updateTable('enrolment')
      .set({ completed_at: recorder.at, hours_earned: c.credit_hours })
      .where('course_id', '=', c.id)
      .where('official', '=', recorder.by)
      .execute();
  return {
    score: points,
    totalPoints: exam.total_points,
    passMark: exam.pass_mark,
    passed,
    hoursEarned: passed ? c.credit_hours : 0,
  };
}

/** An official's annual record: courses taken, hours earned (by completion day, China time), the requirement. */
export async function annualRecord(db: OfficeResourcesDb, official: string, year: number) {
  const rows = await db
    .selectFrom('enrolment as e')
    .innerJoin('course as c', 'c.id', 'e.course_id')
    .select(['c.code', 'c.title', 'c.credit_hours', 'e.completed_at', 'e.hours_earned'])
    .where('e.official', '=', official)
    .where('c.year', '=', year)
    .orderBy('c.code')
    .execute();
  const hours = rows.reduce((s, r) => s + r.hours_earned, 0);
  const required = requiredHours(year);
  return {
    official,
    year,
    courses: rows.map((r) => ({
      code: r.code,
      title: r.title,
      creditHours: r.credit_hours,
      completedOn: r.completed_at ? chinaDate(r.completed_at) : null,
    })),
    hours,
    requiredHours: required,
    met: hours >= required,
  };
}

/** The agency's completion report for a year: every enrolled official's hours and whether they met the requirement. */
export async function completionReport(db: OfficeResourcesDb, year: number) {
  const rows = await db
    .selectFrom('enrolment as e')
    .innerJoin('course as c', 'c.id', 'e.course_id')
    .select(['e.official'])
    .select((eb) => eb.fn.sum<string>('e.hours_earned').as('hours'))
    .where('c.year', '=', year)
    .groupBy('e.official')
    .orderBy('e.official')
    .execute();
  const required = requiredHours(year);
  const officials = rows.map((r) => ({
    official: r.official,
    hours: Number(r.hours),
    met: Number(r.hours) >= required,
  }));
  return {
    year,
    requiredHours: required,
    officials,
    enrolled: officials.length,
    met: officials.filter((o) => o.met).length,
  };
}

/** The exam as a candidate sees it: prompts, options and points, never the answers. */
export async function examPaper(db: OfficeResourcesDb, courseId: number) {
  const c = await course(db, courseId);
  const exam = await db.selectFrom('exam').selectAll().where('course_id', '=', c.id).executeTakeFirst();
  if (!exam) throw new DomainError('NOT_FOUND', 'this course has no exam yet', { field: 'courseId' });
  return {
    courseId,
    passMark: exam.pass_mark,
    totalPoints: exam.total_points,
    questions: exam.questions.map((q) => ({ prompt: q.prompt, options: q.options, points: q.points })),
  };
}
