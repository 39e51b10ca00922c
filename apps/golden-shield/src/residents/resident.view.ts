import type { Principal } from '@egov/kernel/identity';
import { lookupDivision } from '@egov/standards';
import { z } from 'zod';
import { type AuditNotes, noteResident } from '../shared/audit.ts';
import { canReveal, presentResidentId } from './reveal.ts';
import type { Resident } from './resident.service.ts';

/** A division as shown to callers: its code and its name (名称, e.g. 东城区). */
export const DivisionView = z.strictObject({ code: z.string().length(6), name: z.string() });

/**
 * What callers see of a resident. The internal uuid and the birth division
 * stay inside; the ID is masked unless the caller may reveal it.
 */
export const ResidentView = z.strictObject({
  residentId: z.string().length(18),
  revealed: z.boolean(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.iso.date(),
  householdDivision: DivisionView,
  status: z.enum(['alive', 'dead']),
  diedOn: z.iso.date().nullable(),
});
export type ResidentView = z.infer<typeof ResidentView>;

/**
 * A division code with its name; abolished codes keep their historical name.
 *
 * @example
 * divisionView('110101') // { code: '110101', name: '东城区' }
 */
export function divisionView(code: string): z.infer<typeof DivisionView> {
  return { code, name: lookupDivision(code)?.name ?? code };
}

/**
 * Maps a resident to the view a caller gets.
 *
 * @example
 * toResidentView(resident, canReveal(ctx.principal))
 */
export function toResidentView(resident: Resident, revealed: boolean): ResidentView {
  return {
    residentId: presentResidentId(resident.residentId, revealed),
    revealed,
    name: resident.name,
    sex: resident.sex,
    birthDate: resident.birthDate,
    householdDivision: divisionView(resident.householdDivision),
    status: resident.status,
    diedOn: resident.diedOn,
  };
}

/**
 * The view of `resident` for the caller in `ctx`, with the audit told whom the
 * act was about and whether the full ID was shown.
 *
 * @example
 * .query(async ({ ctx, input }) => presentResident(ctx, await getResident(ctx.db, input.residentId)))
 */
export function presentResident(
  ctx: { principal: Principal | null } & AuditNotes,
  resident: Resident,
): ResidentView {
  const revealed = canReveal(ctx.principal);
  noteResident(ctx, resident.uuid, { revealed });
  return toResidentView(resident, revealed);
}
