import { z } from 'zod';
import { canReveal, presentCustomerId } from '../shared/reveal.ts';
import type { SuspiciousReport } from './suspicious.service.ts';

export const SuspiciousView = z.strictObject({
  id: z.number(),
  institution: z.string(),
  subjectResidentId: z.string(),
  subjectName: z.string(),
  relatedCompany: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  currency: z.enum(['CNY', 'USD']),
  amountMinor: z.number(),
  grounds: z.string(),
  status: z.enum(['filed', 'referred', 'closed']),
  identityResult: z.string().nullable(),
  caseNo: z.string().nullable(),
  taxFindings: z.record(z.string(), z.unknown()).nullable(),
  filedAt: z.string(),
});

interface Caller {
  principal: Parameters<typeof canReveal>[0];
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/** The report as the caller may see it: the subject's resident ID masked unless revealed (and audited). */
export function presentSuspicious(ctx: Caller, r: SuspiciousReport): z.infer<typeof SuspiciousView> {
  const revealed = canReveal(ctx.principal);
  ctx.audit.objects(`suspicious-report:${r.id}`);
  if (revealed) ctx.audit.revealed(`suspicious-report:${r.id}`);
  return { ...r, subjectResidentId: presentCustomerId('individual', r.subjectResidentId, revealed) };
}
