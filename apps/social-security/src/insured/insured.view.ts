import type { Principal } from '@egov/kernel/identity';
import { z } from 'zod';
import { canReveal, presentResidentId } from '../shared/reveal.ts';
import type { InsuredPerson } from './insured.service.ts';

/** What callers see of an insured person: the ID masked unless the caller may reveal it. */
export const InsuredView = z.strictObject({
  residentId: z.string().length(18),
  revealed: z.boolean(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.iso.date(),
  enrolledAt: z.string(),
});
export type InsuredView = z.infer<typeof InsuredView>;

interface AuditScope {
  audit: { objects(...ids: string[]): void; revealed(...ids: string[]): void };
}

/**
 * The view of `person` for the caller, with the audit told whom the act was
 * about (by internal uuid, so no resident ID enters the audit log) and
 * whether the full ID was shown.
 */
export function presentInsured(
  ctx: { principal: Principal | null } & AuditScope,
  person: InsuredPerson,
): InsuredView {
  const revealed = canReveal(ctx.principal);
  const object = `insured:${person.uuid}`;
  ctx.audit.objects(object);
  if (revealed) ctx.audit.revealed(object);
  return {
    residentId: presentResidentId(person.residentId, revealed),
    revealed,
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    enrolledAt: person.enrolledAt,
  };
}
