import { z } from 'zod';
import { assertNational } from '../access/scope.ts';
import { NoInput } from '../schemas.ts';
import { adminProcedure, router } from '../trpc.ts';
import { createAgency, listAgencies } from './agency.service.ts';
import { assignRole, disableOfficial, unlockOfficial } from './official-admin.service.ts';
import { createOfficial, listOfficials } from './official.service.ts';
import {
  Agency,
  AssignRoleInput,
  CreateAgencyInput,
  CreateOfficialInput,
  DefineRoleInput,
  ListOfficialsInput,
  Official,
  OfficialRef,
  OfficialScopes,
  Role,
  ScopeInput,
} from './officials.schemas.ts';
import { assignScope, revokeScope } from './scope.service.ts';
import { defineRole, listRoles } from './role.service.ts';

// System administrator: agencies and accounts. Security administrator: roles, grants, unlocking.
// Reading agencies goes with reading officials: whoever manages people needs the names they are filed under.

export const agenciesRouter = router({
  create: adminProcedure('platform.agency.manage')
    .input(CreateAgencyInput)
    .output(Agency)
    .mutation(({ ctx, input }) => {
      assertNational(ctx.principal, 'create agencies');
      ctx.audit.objects(`agency:${input.code}`);
      return createAgency(ctx.db, input);
    }),
  list: adminProcedure('platform.official.read')
    .input(NoInput)
    .output(z.array(Agency))
    .query(({ ctx }) => listAgencies(ctx.db)),
});

export const rolesRouter = router({
  define: adminProcedure('platform.role.manage')
    .input(DefineRoleInput)
    .output(Role)
    .mutation(({ ctx, input }) => {
      assertNational(ctx.principal, 'define roles');
      ctx.audit.objects(`role:${input.name}`);
      return defineRole(ctx.db, input);
    }),
  list: adminProcedure('platform.role.read')
    .input(NoInput)
    .output(z.array(Role))
    .query(({ ctx }) => listRoles(ctx.db)),
});

const DisableOutput = z.object({ official: Official, sessionsEnded: z.number().int() });

export const officialsRouter = router({
  create: adminProcedure('platform.official.manage')
    .input(CreateOfficialInput)
    .output(Official)
    .mutation(async ({ ctx, input }) => {
      const official = await createOfficial(ctx.db, ctx.principal, input);
      ctx.audit.objects(`official:${official.id}`);
      return official;
    }),
  list: adminProcedure('platform.official.read')
    .input(ListOfficialsInput)
    .output(z.array(Official))
    .query(({ ctx, input }) => listOfficials(ctx.db, ctx.principal, input ?? {}, ctx.now())),
  disable: adminProcedure('platform.official.manage')
    .input(OfficialRef)
    .output(DisableOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await disableOfficial(ctx.db, ctx.principal, input.username, ctx.now());
      ctx.audit.objects(`official:${result.official.id}`);
      return result;
    }),
  assignRole: adminProcedure('platform.role.assign')
    .input(AssignRoleInput)
    .output(Official)
    .mutation(async ({ ctx, input }) => {
      const official = await assignRole(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(`official:${official.id}`, `role:${input.role}`);
      return official;
    }),
  // Object-level scopes go with roles: the security administrator decides what an official may touch.
  assignScope: adminProcedure('platform.role.assign')
    .input(ScopeInput)
    .output(OfficialScopes)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`scope:${input.kind}:${input.objectId}`);
      const result = await assignScope(ctx.db, ctx.principal, input, ctx.now());
      ctx.audit.objects(`official-username:${input.username}`);
      return result;
    }),
  revokeScope: adminProcedure('platform.role.assign')
    .input(ScopeInput)
    .output(OfficialScopes)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.objects(`scope:${input.kind}:${input.objectId}`, `official-username:${input.username}`);
      return revokeScope(ctx.db, ctx.principal, input);
    }),
  unlock: adminProcedure('platform.account.unlock')
    .input(OfficialRef)
    .output(Official)
    .mutation(async ({ ctx, input }) => {
      const official = await unlockOfficial(ctx.db, ctx.principal, input.username, ctx.now());
      ctx.audit.objects(`official:${official.id}`);
      return official;
    }),
});
