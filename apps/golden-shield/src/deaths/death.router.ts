import { z } from 'zod';
import { presentResident, ResidentView } from '../residents/resident.view.ts';
import { currentCountyInput, eventDateInput, residentIdInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { recordDeath } from './death.service.ts';

export const RecordDeathInput = z.strictObject({
  residentId: residentIdInput,
  diedOn: eventDateInput,
  placeDivision: currentCountyInput,
  /** Medical death certificate numbers are letters and digits (a prefix letter, then a serial). */
  certificateNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{6,32}$/, 'certificate number must be 6 to 32 letters, digits or hyphens'),
});

/** Death registration; answers with the resident as now recorded. */
export const deathsRouter = router({
  record: procedure
    .requires('golden-shield.death.record')
    .input(RecordDeathInput)
    .output(ResidentView)
    .mutation(async ({ ctx, input }) => {
      const resident = await inTransaction(ctx.db, (trx) => recordDeath(trx, input, recorderOf(ctx)));
      return presentResident(ctx, resident);
    }),
});
