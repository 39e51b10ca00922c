import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';
import type { Question } from './training.rules.ts';

export interface CourseTable {
  id: Generated<string>;
  code: string;
  title: string;
  credit_hours: number;
  year: number;
  created_by: string;
  created_at: InstantColumn;
}

export interface ExamTable {
  id: Generated<string>;
  course_id: string;
  pass_mark: number;
  questions: ColumnType<Question[], string, never>;
  total_points: number;
  created_by: string;
  created_at: InstantColumn;
}

export interface EnrolmentTable {
  course_id: string;
  official: string;
  enrolled_at: InstantColumn;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  hours_earned: ColumnType<number, number | undefined, number>;
}

export interface ExamAttemptTable {
  id: Generated<string>;
  exam_id: string;
  official: string;
  answers: ColumnType<number[], string, never>;
  score: number;
  passed: boolean;
  submitted_at: InstantColumn;
}
