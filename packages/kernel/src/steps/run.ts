import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditScope } from '../audit/scope.ts';
import { nestable } from '../db/nestable.ts';
import { DomainError } from '../errors/domain-error.ts';
import type { Logger } from '../log/logger.ts';
import type { Publisher } from '../messaging/outbox.ts';
import type { Network } from '../network/connect.ts';
import { remoteDomainError } from '../trpc/remote-error.ts';
import type { StepContext, StepDefinition } from './define.ts';
import type { StepTables } from './migrations.ts';

/** What the kernel needs to run and resume an app's steps; built by `createAgencyApp`. */
export interface StepHost {
  app: string;
  /** The steps the app registered (`defineAgencyApp({ steps })`), by name: the only ones it may run. */
  steps: ReadonlyMap<string, StepDefinition<any, any, any>>;
  /** The app's side pool (`AppDatabase.side`): records a step while the request's transaction is open. */
  side: Kysely<any>;
  network: () => Network | undefined;
  publish: Publisher;
  log: Logger;
  now: () => Date;
  /** Delay before the n-th resumption after a failure that may pass (n from 1). */
  backoff: (attempt: number) => number;
  /** Failed attempts after which a step is given up (`failed`) and left to an operator. */
  maxAttempts: number;
}

/** `ctx.step` in a mutation: runs a registered step in the request's transaction and returns its result. */
export type StepInContext = <S extends import('zod').ZodType, R>(
  step: StepDefinition<any, S, R>,
  input: import('zod').input<S>,
) => Promise<R>;

type Db = Kysely<StepTables>;

export function inputHash(step: string, inputJson: string): string {
  return createHash('sha256').update(step).update('\n').update(inputJson).digest('hex');
}

/**
 * The transaction-scoped advisory lock of a step key: held by whoever runs the
 * step (a request from before the step is recorded until it commits; or the
 * recovery loop), and released by PostgreSQL when that transaction ends,
 * however it ends, a killed process included.
 */
function lockText(app: string, key: string): string {
  return `egov-step\n${app}\n${key}`;
}

async function lockStep(trx: Transaction<any>, app: string, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${lockText(app, key)}, 0))`.execute(trx);
}

export async function tryLockStep(trx: Transaction<any>, app: string, key: string): Promise<boolean> {
  const { rows } = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_xact_lock(hashtextextended(${lockText(app, key)}, 0)) as ok`.execute(trx);
  return rows[0]?.ok === true;
}

/** A failure that may pass on its own (a callee down, a timeout, a lost connection), so worth resuming. */
export function isTransient(error: unknown): boolean {
  const domain = error instanceof DomainError ? error : remoteDomainError(error);
  if (!domain) return true;
  return domain.code === 'UNAVAILABLE' || domain.code === 'TIMEOUT' || domain.code === 'RATE_LIMITED';
}

/** The domain code of a failure, as the audit records it. */
export function errorCodeOf(error: unknown): string {
  const domain = error instanceof DomainError ? error : remoteDomainError(error);
  return domain?.code ?? 'INTERNAL_SERVER_ERROR';
}

function describe(error: unknown): string {
  const domain = error instanceof DomainError ? error : remoteDomainError(error);
  const text = domain ? `${domain.code}: ${domain.message}` : String((error as Error)?.message ?? error);
  return text.slice(0, 1000);
}

export interface StepRun {
  key: string;
  inputJson: string;
  by: string;
  at: Date;
  traceId: string;
  resumed: boolean;
  audit: AuditScope;
  publish: StepContext<any>['publish'];
  /** Whether this transaction already holds the step's row (it existed before this run). */
  rowHeld: boolean;
}

/**
 * Runs a step in `trx`, whose caller holds the step's advisory lock. The row
 * is written (side pool, committed) before the first mutation leaves, then
 * held by `trx` (`FOR UPDATE`, so the recovery loop passes over it) and
 * marked done in `trx`: it commits with the step's results or not at all.
 */
export async function executeStep<R>(
  host: StepHost,
  trx: Transaction<any>,
  step: StepDefinition<any, any, R>,
  run: StepRun,
): Promise<R> {
  const db = trx as unknown as Transaction<StepTables>;
  const input = step.input.parse(JSON.parse(run.inputJson));
  let rowHeld = run.rowHeld;
  let calls = 0;
  const side = host.side as Db;
  const record = async (target: string, procedure: string, key: string) => {
    const now = host.now();
    if (!rowHeld) {
      await side
        .insertInto('pending_step')
        .values({
          key: run.key,
          step: step.name,
          input: run.inputJson,
          input_hash: inputHash(step.name, run.inputJson),
          actor: run.by,
          started_at: run.at,
          trace_id: run.traceId,
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          last_error: null,
          created_at: now,
          completed_at: null,
        })
        .execute();
      // From here until it ends, this transaction holds the row: the recovery loop skips it.
      await db.selectFrom('pending_step').select('key').where('key', '=', run.key).forUpdate().execute();
      rowHeld = true;
      run.audit.objects(`step:${run.key}`);
    }
    // Committed before the call leaves; a resumed step sends the same key, already recorded.
    await side
      .insertInto('pending_step_call')
      .values({ step_key: run.key, target, procedure, key, recorded_at: now })
      .onConflict((oc) => oc.columns(['step_key', 'key']).doNothing())
      .execute();
  };
  const ctx: StepContext<any> = {
    db: nestable(trx),
    key: run.key,
    by: run.by,
    at: run.at,
    traceId: run.traceId,
    resumed: run.resumed,
    audit: run.audit,
    publish: run.publish,
    log: host.log,
    connect: ((name: string, options?: { grant?: string }) => {
      const network = host.network();
      if (!network)
        throw new DomainError('UNAVAILABLE', `cannot call ${name}: this app runs without the network client`);
      return network.connect(name, {
        ...(options?.grant ? { grant: options.grant } : {}),
        traceId: run.traceId,
        onCall: (path) => run.audit.calledOut(`${name}/${path}`),
        idempotencyKey: (path) => {
          calls += 1;
          const derived = createHash('sha256').update(`${run.key}\n${name}\n${path}\n${calls}`).digest('hex');
          return `s-${derived.slice(0, 40)}`;
        },
        beforeMutation: (path, key) => record(name, path, key),
      });
    }) as StepContext<any>['connect'],
  };
  const result = await step.run(ctx, input);
  await db
    .updateTable('pending_step')
    .set({ status: 'done', completed_at: host.now(), last_error: null })
    .where('key', '=', run.key)
    .execute();
  return result;
}

/**
 * After a run failed and its transaction ended: a failure that may pass is
 * resumed later, with backoff; a refusal (or too many attempts) ends the
 * step as `failed`, for an operator. Only a pending row changes: one a later
 * run completed stays done.
 */
export async function noteFailure(
  host: StepHost,
  db: Kysely<any>,
  row: { key: string; attempts: number },
  error: unknown,
): Promise<'retry' | 'failed'> {
  const attempts = row.attempts + 1;
  const outcome = isTransient(error) && attempts < host.maxAttempts ? 'retry' : 'failed';
  const now = host.now();
  await (db as Db)
    .updateTable('pending_step')
    .set({
      attempts,
      last_error: describe(error),
      next_attempt_at: new Date(now.getTime() + (outcome === 'retry' ? host.backoff(attempts) : 0)),
      status: outcome === 'retry' ? 'pending' : 'failed',
    })
    .where('key', '=', row.key)
    .where('status', '=', 'pending')
    .execute();
  return outcome;
}

/**
 * `ctx.step(step, input)` in a request: the step key derives from the
 * request's idempotency key (so a retried request resumes the same step) or
 * is fresh. A step recorded before under the same key runs again with its
 * recorded time and caller; the same key for another input is a conflict.
 */
export async function runStepInRequest<R>(
  host: StepHost | undefined,
  trx: Transaction<any>,
  request: {
    by: string;
    at: Date;
    traceId: string;
    idempotencyKey: string | undefined;
    index: number;
    audit: AuditScope;
    publish: StepContext<any>['publish'];
    afterTransaction: (task: () => Promise<void>) => void;
  },
  step: StepDefinition<any, any, R>,
  rawInput: unknown,
): Promise<R> {
  if (!host) throw new Error('ctx.step needs an app built by createAgencyApp');
  if (host.steps.get(step.name) !== step)
    throw new Error(
      `step ${step.name} is not registered in ${host.app}'s definition (steps: [...]), so it could not be resumed`,
    );
  const inputJson = JSON.stringify(rawInput ?? null);
  const key = request.idempotencyKey
    ? `s-${createHash('sha256')
        .update(`${request.idempotencyKey}\n${step.name}\n${request.index}`)
        .digest('hex')
        .slice(0, 40)}`
    : randomUUID();
  await lockStep(trx, host.app, key);
  const db = trx as unknown as Transaction<StepTables>;
  const existing = await db.selectFrom('pending_step').selectAll().where('key', '=', key).executeTakeFirst();
  if (existing && (existing.step !== step.name || existing.input_hash !== inputHash(step.name, inputJson))) {
    throw new DomainError('CONFLICT', 'idempotency key was already used for a different request', {
      field: 'idempotency-key',
      rule: 'reused',
    });
  }
  if (existing) {
    // Given up earlier; this request tries again, and a crash from here on is resumed.
    if (existing.status === 'failed')
      await (host.side as Db)
        .updateTable('pending_step')
        .set({ status: 'pending', next_attempt_at: host.now() })
        .where('key', '=', key)
        .execute();
    await db.selectFrom('pending_step').select('key').where('key', '=', key).forUpdate().execute();
    request.audit.objects(`step:${key}`);
  }
  try {
    return await executeStep(host, trx, step, {
      key,
      inputJson,
      by: existing?.actor ?? request.by,
      at: existing ? new Date(existing.started_at) : request.at,
      traceId: existing?.trace_id ?? request.traceId,
      resumed: false,
      audit: request.audit,
      publish: request.publish,
      rowHeld: existing !== undefined,
    });
  } catch (error) {
    // The row is held by this transaction: it is noted once the transaction has ended.
    request.afterTransaction(async () => {
      const row = await (host.side as Db)
        .selectFrom('pending_step')
        .select(['key', 'attempts'])
        .where('key', '=', key)
        .executeTakeFirst();
      if (row) await noteFailure(host, host.side, row, error);
    });
    throw error;
  }
}
