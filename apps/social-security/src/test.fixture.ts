import { type AgencyAppDefinition, defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import type { DomainError } from '@egov/kernel/errors';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { kernelTRPC } from '@egov/kernel/trpc';
import { issueCreditCode, issueResidentId } from '@egov/standards';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { z } from 'zod';
import { socialSecurity } from './app.ts';
import type { SocialSecurityDatabase } from './database.ts';
import type { SocialSecurityRouter } from './router.ts';

/** Every permission social-security declares, by what tests call them. */
export const perm = {
  enrol: 'social-security.insured.enrol',
  readInsured: 'social-security.insured.read',
  reveal: 'social-security.insured.reveal',
  registerEmployer: 'social-security.employer.register',
  readEmployer: 'social-security.employer.read',
  employment: 'social-security.employment.record',
  setWage: 'social-security.wage.set',
  readWage: 'social-security.wage.read',
  file: 'social-security.declaration.file',
  readDeclaration: 'social-security.declaration.read',
  pay: 'social-security.declaration.pay',
  issueCard: 'social-security.card.issue',
  reportCard: 'social-security.card.report',
  readCard: 'social-security.card.read',
} as const;

/**
 * A stand-in for golden-shield (apps may not import each other's code): the
 * residents it knows, what it was asked and by whom, and an outage switch.
 */
export function fakeShield() {
  const residents = new Map<string, { name: string; alive: boolean }>();
  const asked: { residentId: string; purpose: string; caller: string | undefined }[] = [];
  const state: { outage?: DomainError } = {};
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const definition = defineAgencyApp({
    name: 'golden-shield',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      identity: router({
        verify: procedure
          .requires('golden-shield.identity.verify')
          .input(
            z.strictObject({
              name: z.string(),
              residentId: z.string(),
              purpose: z.string().min(10).max(200),
            }),
          )
          .output(z.strictObject({ result: z.enum(['match', 'mismatch', 'not_on_file']) }))
          .mutation(({ ctx, input }) => {
            asked.push({ residentId: input.residentId, purpose: input.purpose, caller: ctx.principal?.id });
            if (state.outage) throw state.outage;
            const r = residents.get(input.residentId);
            if (!r?.alive) return { result: 'not_on_file' as const };
            return { result: r.name === input.name ? ('match' as const) : ('mismatch' as const) };
          }),
      }),
    }),
  });
  return { definition, residents, asked, state };
}

let issued = 0;
/**
 * A valid resident ID nobody else in this worker got, known to `shield` as `name` (unless `known` is false).
 *
 * @example
 * const id = freshResident(shield, '张伟');
 */
export function freshResident(
  shield: ReturnType<typeof fakeShield>,
  name: string,
  options: { known?: boolean; birthDate?: string; sex?: 'male' | 'female' } = {},
): string {
  issued += 1;
  const id = issueResidentId({
    division: '110105',
    birthDate: options.birthDate ?? '1990-05-17',
    // Odd sequences are men's, even women's (GB 11643).
    sequence: options.sex === 'female' ? 2 * issued : 2 * issued + 1,
  });
  if (options.known !== false) shield.residents.set(id, { name, alive: true });
  return id;
}

/**
 * Boots social-security on a fresh schema of `target`, and a stand-in
 * golden-shield served over real HTTP, reached through the kernel's network
 * client as social-security holding a service token for identity.verify.
 */
export async function bootSocialSecurity(target: DatabaseTarget) {
  const booted: BootedApp<SocialSecurityDatabase, SocialSecurityRouter> = await bootApp(
    socialSecurity,
    target,
  );
  const shield = fakeShield();
  const shieldApp: BootedApp<unknown> = await bootApp(
    shield.definition as AgencyAppDefinition<unknown>,
    target,
  );
  const serving = await serveAgencyApp(shieldApp.app, { port: 0 });
  const registry = {
    resolve: async (name: string) => ({
      name,
      zone: 'internal' as const,
      baseUrl: serving.url,
      version: 'test',
    }),
  } as RegistryClient;
  const token = shieldApp.identity.serviceToken({
    app: 'social-security',
    permissions: ['golden-shield.identity.verify'],
  });
  booted.app.attachNetwork(
    createNetwork({
      self: { name: 'social-security', zone: 'internal' },
      registry,
      tokens: { get: () => token },
      retryBaseMs: 1,
    }),
  );
  const db = booted.app.database.db;
  return {
    ...booted,
    db,
    shield,
    shieldApp,
    /** Audit records of `procedure` in social-security's log (or golden-shield's with `side`). */
    audit: async (procedure: string, side: 'ours' | 'theirs' = 'ours') => {
      const database = side === 'ours' ? booted.app.database : shieldApp.app.database;
      const { rows } = await sql<{
        kind: string;
        actor: string;
        outcome: string;
        object_ids: string[];
      }>`select * from ${sql.table(`${database.schema}.audit_record`)} where procedure = ${procedure} order by seq`.execute(
        database.db,
      );
      return rows;
    },
    close: async () => {
      await shieldApp.close();
      await serving.stop();
      await booted.close();
    },
  };
}

export type SocialSecurityTestApp = Awaited<ReturnType<typeof bootSocialSecurity>>;

let codes = 0;
/**
 * A valid credit code nobody else in this worker got.
 *
 * @example
 * freshCreditCode() // "91110105W0000001…"
 */
export function freshCreditCode(division = '110105'): string {
  codes += 1;
  return issueCreditCode({ division, organisationBody: `W${String(codes).padStart(7, '0')}` });
}

/**
 * Enrols `name` (known to the stand-in golden-shield) through the API and returns the resident ID.
 */
export async function enrolled(
  ss: SocialSecurityTestApp,
  name: string,
  options: Parameters<typeof freshResident>[2] = {},
) {
  const residentId = freshResident(ss.shield, name, options);
  const r = await ss.call(
    'insured.enrol',
    { residentId, name },
    await ss.token('social-security.insured.enrol'),
  );
  if (r.status !== 200) throw new Error(`enrolment refused: ${JSON.stringify(r.error)}`);
  return residentId;
}

/** Registers a fresh employer through the API and returns its credit code. */
export async function registered(ss: SocialSecurityTestApp, name = '北京测试科技有限公司') {
  const creditCode = freshCreditCode();
  const r = await ss.call(
    'employers.register',
    { creditCode, name },
    await ss.token('social-security.employer.register'),
  );
  if (r.status !== 200) throw new Error(`registration refused: ${JSON.stringify(r.error)}`);
  return creditCode;
}
