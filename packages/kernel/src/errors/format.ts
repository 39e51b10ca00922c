import type { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { DomainError } from './domain-error.ts';

/** One input problem: where it is and which rule it broke. */
export interface FieldIssue {
  path: string;
  rule: string;
  message: string;
}

/** Turns a zod error into field issues; the rule is the zod issue code, or the `part` a validator names. */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: { rule?: string; part?: string } }).params;
    const rule = params?.rule ?? params?.part ?? ruleOf(issue);
    return { path: issue.path.map(String).join('.') || '(input)', rule, message: issue.message };
  });
}

function ruleOf(issue: ZodError['issues'][number]): string {
  // zod 4 leaves the input off its issues unless asked, but says "received undefined" for a missing value.
  if (issue.code === 'invalid_type') return /received undefined/.test(issue.message) ? 'required' : 'type';
  if (issue.code === 'unrecognized_keys') return 'unknown_field';
  return issue.code;
}

/** A stable, readable summary: `residentId: check digit is wrong (check_digit)`. */
export function summarise(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message} (${i.rule})`).join('; ');
}

export interface KernelErrorData {
  code: string;
  httpStatus: number;
  issues?: FieldIssue[];
  domainCode?: string;
  requestId?: string;
}

/** What a formatted tRPC error carries beyond the default shape. */
export function describeCause(error: TRPCError): {
  message?: string;
  issues?: FieldIssue[];
  domainCode?: string;
} {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const issues = zodIssues(cause);
    return { message: summarise(issues), issues };
  }
  if (cause instanceof DomainError) {
    const { field, rule } = cause.details;
    const issues = field
      ? [{ path: field, rule: rule ?? cause.code.toLowerCase(), message: cause.message }]
      : undefined;
    return { message: cause.message, domainCode: cause.code, ...(issues ? { issues } : {}) };
  }
  return {};
}
