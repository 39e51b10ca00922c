import { z } from 'zod';
import { presentResident, ResidentView } from '../residents/resident.view.ts';
import { currentCountyInput, eventDateInput, personNameInput } from '../shared/inputs.ts';
import { recorderOf } from '@egov/kernel/trpc';
import { inTransaction } from '@egov/kernel/db';
import { procedure, router } from '../trpc.ts';
import { registerBirth } from './birth.service.ts';

export const RegisterBirthInput = z.strictObject({
  name: personNameInput,
  sex: z.enum(['male', 'female']),
  birthDate: eventDateInput,
  divisionCode: currentCountyInput,
});

/** Birth registration (出生登记): the moment a resident ID is issued. */
export const birthsRouter = router({
  register: procedure
    .requires('golden-shield.birth.register')
    .input(RegisterBirthInput)
    .output(ResidentView)
    .mutation(async ({ ctx, input }) => {
      const { divisionCode: division, ...birth } = input;
      const resident = await inTransaction(ctx.db, (trx) =>
        registerBirth(trx, { ...birth, division }, recorderOf(ctx)),
      );
      return presentResident(ctx, resident);
    }),
});
