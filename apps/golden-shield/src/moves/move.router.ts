import { z } from 'zod';
import { presentResident, ResidentView } from '../residents/resident.view.ts';
import { currentCountyInput, eventDateInput, residentIdInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { recordMove } from './move.service.ts';

export const RecordMoveInput = z.strictObject({
  residentId: residentIdInput,
  toDivision: currentCountyInput,
  movedOn: eventDateInput,
});

/** Household registration moves; answers with the resident as now registered. */
export const movesRouter = router({
  record: procedure
    .requires('golden-shield.household.move')
    .input(RecordMoveInput)
    .output(ResidentView)
    .mutation(async ({ ctx, input }) => {
      const resident = await inTransaction(ctx.db, (trx) => recordMove(trx, input, recorderOf(ctx)));
      return presentResident(ctx, resident);
    }),
});
