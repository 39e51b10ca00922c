import { randomUUID } from 'node:crypto';
import { type AgencyAppDefinition, defineAgencyApp, serveAgencyApp } from '@egov/kernel/app';
import type { DomainError } from '@egov/kernel/errors';
import { createNetwork, type RegistryClient } from '@egov/kernel/network';
import { kernelTRPC } from '@egov/kernel/trpc';
import { issueCreditCode, issueResidentId, luhnCheckDigit } from '@egov/standards';
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
  award: 'social-security.pension.award',
  readPension: 'social-security.pension.read',
  runPayroll: 'social-security.payroll.run',
  readPayroll: 'social-security.payroll.read',
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

/**
 * A stand-in for golden-finance's `payments.requestBatch` (apps may not
 * import each other's code): payments kept by (caller, reference) like
 * finance's, so a repeated line answers with its first payment; the payees it
 * was told are dead get `cancelled`; `refuseAfter` makes the n-th call and
 * later fail (an outage mid-run).
 */
export function fakeFinance() {
  const payments = new Map<
    string,
    { paymentId: string; amountFen: number; status: 'requested' | 'cancelled'; residentId?: string }
  >();
  const calls: { lines: number; caller: string | undefined }[] = [];
  const dead = new Set<string>();
  const state: { refuseAfter?: number } = {};
  const { appRouter, router, procedure } = kernelTRPC<unknown>();
  const line = z.strictObject({
    reference: z.string(),
    payee: z.strictObject({
      name: z.string(),
      account: z.string(),
      bank: z.string(),
      residentId: z.string().optional(),
    }),
    amountFen: z.number().int().positive(),
    purpose: z.string(),
  });
  const definition = defineAgencyApp({
    name: 'golden-finance',
    zone: 'internal',
    migrations: {},
    router: appRouter({
      payments: router({
        requestBatch: procedure
          .requires('golden-finance.payment.request')
          .input(
            z.strictObject({
              budgetUnit: z.string(),
              appropriationId: z.uuid(),
              method: z.enum(['direct', 'authorised']),
              lines: z.array(line).min(1).max(1000),
            }),
          )
          .output(z.any())
          .mutation(({ ctx, input }) => {
            calls.push({ lines: input.lines.length, caller: ctx.principal?.id });
            if (state.refuseAfter !== undefined && calls.length > state.refuseAfter)
              throw new Error('golden-finance is down');
            let newlyRequested = 0;
            const lines = input.lines.map((l) => {
              const key = `${ctx.principal?.id}/${l.reference}`;
              let payment = payments.get(key);
              if (!payment) {
                newlyRequested += 1;
                payment = {
                  paymentId: randomUUID(),
                  amountFen: l.amountFen,
                  status: l.payee.residentId && dead.has(l.payee.residentId) ? 'cancelled' : 'requested',
                  ...(l.payee.residentId ? { residentId: l.payee.residentId } : {}),
                };
                payments.set(key, payment);
              }
              return {
                reference: l.reference,
                paymentId: payment.paymentId,
                status: payment.status,
                amountFen: l.amountFen,
              };
            });
            return { lines, newlyRequested, cancelled: 0, reservedFen: 0 };
          }),
      }),
    }),
  });
  return { definition, payments, calls, dead, state };
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
  const finance = fakeFinance();
  const financeApp: BootedApp<unknown> = await bootApp(
    finance.definition as AgencyAppDefinition<unknown>,
    target,
  );
  const financeServing = await serveAgencyApp(financeApp.app, { port: 0 });
  const registry = {
    resolve: async (name: string) => ({
      name,
      zone: 'internal' as const,
      baseUrl: name === 'golden-finance' ? financeServing.url : serving.url,
      version: 'test',
    }),
  } as RegistryClient;
  const token = shieldApp.identity.serviceToken({
    app: 'social-security',
    permissions: ['golden-shield.identity.verify'],
  });
  const financeToken = financeApp.identity.serviceToken({
    app: 'social-security',
    permissions: ['golden-finance.payment.request'],
  });
  booted.app.attachNetwork(
    createNetwork({
      self: { name: 'social-security', zone: 'internal' },
      registry,
      tokens: { get: (name: string) => (name === 'golden-finance' ? financeToken : token) },
      retryBaseMs: 1,
    }),
  );
  const db = booted.app.database.db;
  return {
    ...booted,
    db,
    shield,
    shieldApp,
    finance,
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
      await financeApp.close();
      await financeServing.stop();
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

let cards = 0;
/** A 19-digit bank card number that passes Luhn, new each time. */
export function freshBankCard(): string {
  cards += 1;
  const payload = `622202${String(process.pid % 1000).padStart(3, '0')}${String(cards).padStart(9, '0')}`;
  return payload + luhnCheckDigit(payload);
}

/**
 * Gives an enrolled person a contribution record of `months` months ending
 * `lastMonth`, written straight into the tables (the record is the set-up
 * here, not the subject: declarations have their own suite): each month one
 * declaration line at `baseFen` against an annual average of `annualFen`,
 * and the employee's 8 % credited to the personal account.
 */
export async function contributed(
  ss: SocialSecurityTestApp,
  residentId: string,
  options: { months: number; lastMonth: string; baseFen: number; annualFen: number },
) {
  const db = ss.db;
  const person = await db
    .selectFrom('insured_person')
    .select('uuid')
    .where('resident_id', '=', residentId)
    .executeTakeFirstOrThrow();
  const employer = await registered(ss);
  const end = Number(options.lastMonth.slice(0, 4)) * 12 + Number(options.lastMonth.slice(5, 7)) - 1;
  const employee = Math.round(options.baseFen * 0.08);
  const periods = Array.from({ length: options.months }, (_, k) => {
    const i = end - options.months + 1 + k;
    return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  });
  const declarations = await db
    .insertInto('declaration')
    .values(
      periods.map((period) => ({
        employer_code: employer,
        period,
        annual_average_fen: options.annualFen,
        average_source: 'local' as const,
        employer_rate: '0.16',
        employee_rate: '0.08',
        employer_fen: Math.round(options.baseFen * 0.16),
        employee_fen: employee,
        filed_by: 'fixture',
        filed_at: new Date(),
      })) as never,
    )
    .returning(['id', 'period'])
    .execute();
  await db
    .insertInto('declaration_line')
    .values(
      declarations.map((d) => ({
        declaration_id: d.id,
        insured_uuid: person.uuid,
        wage_fen: options.baseFen,
        base_fen: options.baseFen,
        employer_fen: Math.round(options.baseFen * 0.16),
        employee_fen: employee,
      })) as never,
    )
    .execute();
  await db
    .insertInto('personal_account_entry')
    .values(
      declarations.map((d) => ({
        insured_uuid: person.uuid,
        period: d.period,
        amount_fen: employee,
        declaration_id: d.id,
        credited_at: new Date(),
      })) as never,
    )
    .execute();
  return { employer, personalAccountFen: employee * options.months };
}

/**
 * An enrolled man born in 1960 (statutory age 60 in 2020-05, before the 2024
 * raise) with 180 months at the 2024 average (124,110 yuan a year, index
 * 1.0000) and an active card: ready for a pension from 2025-01.
 */
export async function retiree(
  ss: SocialSecurityTestApp,
  name = '退休人员',
  options: { months?: number } = {},
) {
  const residentId = await enrolled(ss, name, { birthDate: '1960-05-17', sex: 'male' });
  const record = await contributed(ss, residentId, {
    months: options.months ?? 180,
    lastMonth: '2020-04',
    baseFen: 1_034_250,
    annualFen: 12_411_000,
  });
  const bankCard = freshBankCard();
  const r = await ss.call(
    'cards.issue',
    { residentId, bankCard },
    await ss.token('social-security.card.issue'),
  );
  if (r.status !== 200) throw new Error(`card refused: ${JSON.stringify(r.error)}`);
  return { residentId, bankCard, ...record };
}
