import { inTransaction } from '@egov/kernel/db';
import { recorderOf } from '@egov/kernel/trpc';
import { z } from 'zod';
import { deathRecorded } from '../events.ts';
import { presentResident, ResidentView } from '../residents/resident.view.ts';
import { currentCountyInput, eventDateInput, residentIdInput } from '../shared/inputs.ts';
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
      const recorder = recorderOf(ctx);
      const resident = await inTransaction(ctx.db, (trx) => recordDeath(trx, input, recorder));
      // In the mutation's transaction: the event exists if and only if the death does (flow 3).
      await ctx.publish(deathRecorded, {
        residentId: input.residentId,
        diedOn: input.diedOn,
        certificateNo: input.certificateNo,
        recordedAt: recorder.at.toISOString(),
      });
      return presentResident(ctx, resident);
    }),
});
