import { recorderOf, text } from '@egov/kernel/trpc';
import { z } from 'zod';
import { procedure, router } from '../trpc.ts';
import {
  annualRecord,
  completionReport,
  createCourse,
  enrol,
  examPaper,
  setExam,
  sitExam,
} from './training.service.ts';

const Year = z.number().int().min(2000).max(2100);
const CourseId = z.number().int().positive();
const RecordView = z.strictObject({
  official: z.string(),
  year: z.number(),
  courses: z.array(
    z.strictObject({
      code: z.string(),
      title: z.string(),
      creditHours: z.number(),
      completedOn: z.string().nullable(),
    }),
  ),
  hours: z.number(),
  requiredHours: z.number(),
  met: z.boolean(),
});

/** Civil-servant training and assessment (S7): courses, exams, enrolments, records and the agency's report. */
export const trainingRouter = router({
  createCourse: procedure
    .requires('office-resources.training.manage')
    .input(
      z.strictObject({
        code: z.string().regex(/^[A-Z0-9-]{3,20}$/, 'a course code: capitals, digits, hyphens'),
        title: text({ min: 2, max: 120 }),
        creditHours: z.number().int().min(1).max(200),
        year: Year,
      }),
    )
    .output(
      z.strictObject({
        id: z.number(),
        code: z.string(),
        title: z.string(),
        creditHours: z.number(),
        year: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const c = await createCourse(ctx.db, input, recorderOf(ctx));
      ctx.audit.objects(`course:${c.id}`);
      return c;
    }),
  setExam: procedure
    .requires('office-resources.training.manage')
    .input(
      z.strictObject({
        courseId: CourseId,
        passMark: z.number().int().min(1).max(1000),
        questions: z
          .array(
            z.strictObject({
              prompt: text({ min: 2, max: 500 }),
              options: z
                .array(text({ min: 1, max: 200 }))
                .min(2)
                .max(8),
              answer: z.number().int().min(0).max(7),
              points: z.number().int().min(1).max(100),
            }),
          )
          .min(1)
          .max(100),
      }),
    )
    .output(
      z.strictObject({
        id: z.number(),
        courseId: z.number(),
        passMark: z.number(),
        totalPoints: z.number(),
        questions: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`course:${input.courseId}`);
      return setExam(ctx.db, input, recorderOf(ctx));
    }),
  enrol: procedure
    .requires('office-resources.training.take')
    .input(z.strictObject({ courseId: CourseId }))
    .output(z.strictObject({ courseId: z.number(), official: z.string(), enrolledAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`course:${input.courseId}`);
      return enrol(ctx.db, input.courseId, recorderOf(ctx));
    }),
  exam: procedure
    .requires('office-resources.training.take')
    .input(z.strictObject({ courseId: CourseId }))
    .output(
      z.strictObject({
        courseId: z.number(),
        passMark: z.number(),
        totalPoints: z.number(),
        questions: z.array(
          z.strictObject({ prompt: z.string(), options: z.array(z.string()), points: z.number() }),
        ),
      }),
    )
    .query(({ ctx, input }) => examPaper(ctx.db, input.courseId)),
  sitExam: procedure
    .requires('office-resources.training.take')
    .input(
      z.strictObject({
        courseId: CourseId,
        answers: z.array(z.number().int().min(0).max(7)).min(1).max(100),
      }),
    )
    .output(
      z.strictObject({
        score: z.number(),
        totalPoints: z.number(),
        passMark: z.number(),
        passed: z.boolean(),
        hoursEarned: z.number(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`course:${input.courseId}`);
      return sitExam(ctx.db, input, recorderOf(ctx));
    }),
  /** The caller's own annual record: every official sees theirs. */
  myRecord: procedure
    .requires('office-resources.training.take')
    .input(z.strictObject({ year: Year }))
    .output(RecordView)
    .query(({ ctx, input }) => annualRecord(ctx.db, ctx.principal.id, input.year)),
  /** Any official's annual record, for the training office. */
  record: procedure
    .requires('office-resources.training.manage')
    .input(z.strictObject({ official: z.string().regex(/^official:[A-Za-z0-9._@-]{1,64}$/), year: Year }))
    .output(RecordView)
    .query(({ ctx, input }) => annualRecord(ctx.db, input.official, input.year)),
  report: procedure
    .requires('office-resources.training.manage')
    .input(z.strictObject({ year: Year }))
    .output(
      z.strictObject({
        year: z.number(),
        requiredHours: z.number(),
        officials: z.array(z.strictObject({ official: z.string(), hours: z.number(), met: z.boolean() })),
        enrolled: z.number(),
        met: z.number(),
      }),
    )
    .query(({ ctx, input }) => completionReport(ctx.db, input.year)),
});
