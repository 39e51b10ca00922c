import { z } from 'zod';
import { NoInput } from '../schemas.ts';
import { procedure, router } from '../trpc.ts';
import { createAgency, listAgencies } from './agency.service.ts';
import { assignRole, createOfficial, listOfficials } from './official.service.ts';
import {
  Agency,
  AssignRoleInput,
  CreateAgencyInput,
  CreateOfficialInput,
  DefineRoleInput,
  ListOfficialsInput,
  Official,
  Role,
} from './officials.schemas.ts';
import { defineRole, listRoles } from './role.service.ts';

// Reading agencies and roles goes with reading officials: whoever manages
// people needs the names they are filed under.

export const agenciesRouter = router({
  create: procedure
    .requires('platform.agency.manage')
    .input(CreateAgencyInput)
    .output(Agency)
    .mutation(({ ctx, input }) => createAgency(ctx.db, input)),
  list: procedure
    .requires('platform.official.read')
    .input(NoInput)
    .output(z.array(Agency))
    .query(({ ctx }) => listAgencies(ctx.db)),
});

export const rolesRouter = router({
  define: procedure
    .requires('platform.role.manage')
    .input(DefineRoleInput)
    .output(Role)
    .mutation(({ ctx, input }) => defineRole(ctx.db, input)),
  list: procedure
    .requires('platform.official.read')
    .input(NoInput)
    .output(z.array(Role))
    .query(({ ctx }) => listRoles(ctx.db)),
});

export const officialsRouter = router({
  create: procedure
    .requires('platform.official.manage')
    .input(CreateOfficialInput)
    .output(Official)
    .mutation(({ ctx, input }) => createOfficial(ctx.db, input)),
  list: procedure
    .requires('platform.official.read')
    .input(ListOfficialsInput)
    .output(z.array(Official))
    .query(({ ctx, input }) => listOfficials(ctx.db, input ?? {})),
  assignRole: procedure
    .requires('platform.official.manage')
    .input(AssignRoleInput)
    .output(Official)
    .mutation(({ ctx, input }) => assignRole(ctx.db, input)),
});
