import { z } from 'zod';
import { canReveal, presentResidentId } from '../shared/reveal.ts';
import type { Declaration } from './contribution.service.ts';

/** What callers see of a declaration: resident IDs masked unless the caller may reveal them. */
export const DeclarationView = z.strictObject({
  creditCode: z.string(),
  period: z.string(),
  averageWage: z.strictObject({ annualFen: z.number().int(), source: z.enum(['local', 'national-default']) }),
  rates: z.strictObject({ employer: z.string(), employee: z.string() }),
  employerFen: z.number().int(),
  employeeFen: z.number().int(),
  revealed: z.boolean(),
  lines: z.array(
    z.strictObject({
      residentId: z.string().length(18),
      name: z.string(),
      wageFen: z.number().int(),
      baseFen: z.number().int(),
      employerFen: z.number().int(),
      employeeFen: z.number().int(),
    }),
  ),
});

interface Caller {
  principal: Parameters<typeof canReveal>[0];
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/** The view of a declaration for the caller, with the audit told what it was about. */
export function presentDeclaration(ctx: Caller, d: Declaration): z.infer<typeof DeclarationView> {
  const revealed = canReveal(ctx.principal);
  ctx.audit.objects(`declaration:${d.id}`, `employer:${d.creditCode}`);
  if (revealed) ctx.audit.revealed(...d.lines.map((l) => `insured:${l.insuredUuid}`));
  return {
    creditCode: d.creditCode,
    period: d.period,
    averageWage: d.averageWage,
    rates: d.rates,
    employerFen: d.employerFen,
    employeeFen: d.employeeFen,
    revealed,
    lines: d.lines.map((l) => ({
      residentId: presentResidentId(l.residentId, revealed),
      name: l.name,
      wageFen: l.wageFen,
      baseFen: l.baseFen,
      employerFen: l.employerFen,
      employeeFen: l.employeeFen,
    })),
  };
}
