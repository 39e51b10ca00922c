import { databaseTargets } from '@egov/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootOffice, perm } from '../test.fixture.ts';
import { requiredHours, score } from './training.rules.ts';

type Office = Awaited<ReturnType<typeof bootOffice>>;

describe('training rules', () => {
  it('scores answers by points and knows the annual requirement', () => {
    const qs = [
      { prompt: 'a', options: ['x', 'y'], answer: 1, points: 60 },
      { prompt: 'b', options: ['x', 'y'], answer: 0, points: 40 },
    ];
    expect(score(qs, [1, 0])).toBe(100);
    expect(score(qs, [1, 1])).toBe(60);
    expect(score(qs, [0, 1])).toBe(0);
    expect(requiredHours(2026)).toBe(90);
  });
});

describe.each(databaseTargets())('office-resources civil-servant training on $name', (target) => {
  let o: Office;
  let officer: Awaited<ReturnType<Office['as']>>;
  beforeAll(async () => {
    o = await bootOffice(target);
    officer = await o.as('trainer', perm.manageTraining, perm.takeTraining);
  }, 60_000);
  afterAll(() => o.app.close());

  const course = async (code: string, creditHours: number) => {
    const c = await officer.training.createCourse.mutate({
      code,
      title: `电子政务课程 ${code}`,
      creditHours,
      year: 2026,
    });
    await officer.training.setExam.mutate({
      courseId: c.id,
      passMark: 60,
      questions: [
        { prompt: '公文的种类有几种？', options: ['13', '15', '17'], answer: 1, points: 60 },
        { prompt: '密级最高的是？', options: ['秘密', '机密', '绝密'], answer: 2, points: 40 },
      ],
    });
    return c;
  };

  it('enrols, scores exams against the pass mark, earns credit hours once, and keeps annual records and the report', async () => {
    const a = await course('EG-101', 50);
    const b = await course('EG-102', 40);
    const zhang = await o.as('zhang', perm.takeTraining);
    const li = await o.as('li', perm.takeTraining);
    await zhang.training.enrol.mutate({ courseId: a.id });
    await zhang.training.enrol.mutate({ courseId: b.id });
    await li.training.enrol.mutate({ courseId: a.id });
    const paper = await zhang.training.exam.query({ courseId: a.id });
    expect(JSON.stringify(paper)).not.toContain('answer');
    expect(await zhang.training.sitExam.mutate({ courseId: a.id, answers: [0, 2] })).toMatchObject({
      score: 40,
      passed: false,
      hoursEarned: 0,
    });
    expect(await zhang.training.sitExam.mutate({ courseId: a.id, answers: [1, 0] })).toMatchObject({
      score: 60,
      passed: true,
      hoursEarned: 50,
    });
    await zhang.training.sitExam.mutate({ courseId: a.id, answers: [1, 2] });
    await zhang.training.sitExam.mutate({ courseId: b.id, answers: [1, 2] });
    await li.training.sitExam.mutate({ courseId: a.id, answers: [1, 2] });

    const mine = await zhang.training.myRecord.query({ year: 2026 });
    expect(mine).toMatchObject({ official: 'official:zhang', hours: 90, requiredHours: 90, met: true });
    expect(await li.training.myRecord.query({ year: 2026 })).toMatchObject({
      official: 'official:li',
      hours: 50,
      met: false,
    });
    const report = await officer.training.report.query({ year: 2026 });
    expect(report).toMatchObject({ enrolled: 2, met: 1 });
    expect(report.officials).toEqual([
      { official: 'official:li', hours: 50, met: false },
      { official: 'official:zhang', hours: 90, met: true },
    ]);
    // An official reads their own record only: another's needs the training office's permission.
    const r = await o.app.call(
      'training.record',
      { official: 'official:zhang', year: 2026 },
      await o.app.token(perm.takeTraining),
      'query',
    );
    expect(r.status).toBe(403);
  });

  it('refuses an exam without enrolment, a wrong number of answers, and a pass mark above the points, writing nothing', async () => {
    const c = await course('EG-201', 10);
    const taker = await o.app.identity.officialToken({ username: 'wang', permissions: [perm.takeTraining] });
    const manager = await o.app.token(perm.manageTraining);
    const c2 = await officer.training.createCourse.mutate({
      code: 'EG-202',
      title: '保密知识',
      creditHours: 8,
      year: 2026,
    });
    const cases = [
      ['training.sitExam', { courseId: c.id, answers: [1, 2] }, taker, 403, 'not_enrolled'],
      [
        'training.setExam',
        {
          courseId: c2.id,
          passMark: 80,
          questions: [{ prompt: '问题', options: ['是', '否'], answer: 0, points: 50 }],
        },
        manager,
        400,
        'above_total',
      ],
      [
        'training.setExam',
        {
          courseId: c2.id,
          passMark: 10,
          questions: [{ prompt: '问题', options: ['是', '否'], answer: 5, points: 50 }],
        },
        manager,
        400,
        'answer_not_an_option',
      ],
      [
        'training.createCourse',
        { code: 'EG-203', title: '课程', creditHours: 0, year: 2026 },
        manager,
        400,
        'too_small',
      ],
    ] as const;
    for (const [path, input, token, status, rule] of cases) {
      const before = await o.written();
      const r = await o.app.call(path, input, token);
      expect(r.status, path).toBe(status);
      expect(r.error?.data.issues?.[0]?.rule).toBe(rule);
      expect(await o.written()).toEqual(before);
    }
    await o.app.call('training.enrol', { courseId: c.id }, taker);
    const before = await o.written();
    const r = await o.app.call('training.sitExam', { courseId: c.id, answers: [1] }, taker);
    expect(r.error?.data.issues?.[0]).toMatchObject({ path: 'answers', rule: 'answer_count' });
    expect(await o.written()).toEqual(before);
  });
});
