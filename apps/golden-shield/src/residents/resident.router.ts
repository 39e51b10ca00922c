import { z } from 'zod';
import { residentIdInput } from '../shared/inputs.ts';
import { procedure, router } from '../trpc.ts';
import { getResident } from './resident.service.ts';
import { presentResident, ResidentView } from './resident.view.ts';

export const GetResidentInput = z.strictObject({ residentId: residentIdInput });

/** Looking residents up; the ID comes back masked unless the caller may reveal it. */
export const residentsRouter = router({
  get: procedure
    // Catalog resource GS-RES-0001: resident details are not shared with other agencies' apps.
    .requires('golden-shield.resident.read', { resource: { id: 'GS-RES-0001', sharing: 'not-shared' } })
    .input(GetResidentInput)
    .output(ResidentView)
    .query(async ({ ctx, input }) => presentResident(ctx, await getResident(ctx.db, input.residentId))),
});
