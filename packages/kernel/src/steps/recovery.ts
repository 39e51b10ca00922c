import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/append.ts';
import type { AuditEntry } from '../audit/record.ts';
import { createAuditScope } from '../audit/scope.ts';
import { DomainError } from '../errors/domain-error.ts';
import { type PollingLoop, pollingLoop } from '../messaging/loop.ts';
import type { Selectable } from 'kysely';
import type { PendingStepTable, StepTables } from './migrations.ts';

type PendingStep = Selectable<PendingStepTable>;
import { errorCodeOf, executeStep, noteFailure, type StepHost, tryLockStep } from './run.ts';

export interface StepRecoveryOptions {
  /** How often it looks for steps to resume (default 5 s); it also looks once at start. */
  pollMs?: number;
  /** Steps resumed per pass before it looks again at once (default 20). */
  batchSize?: number;
  /** Completed steps are deleted after this long (default 7 days). */
  keepDoneMs?: number;
  /** Called after a resumption committed events to the outbox. */
  wake?: () => void;
}

export interface StepRecovery {
  /** Starts the loop: a pass now, then every `pollMs`. */
  start(): void;
  /** One pass now: resumes every due step it can lock; resolves with how many it finished. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

type Resumption =
  | { kind: 'none' }
  | { kind: 'busy'; key: string }
  | { kind: 'done'; key: string; published: number }
  | { kind: 'failed'; row: PendingStep; error: unknown; objects: string[]; callOuts: string[] };

class StepFailed extends Error {
  constructor(
    readonly row: PendingStep,
    override readonly cause: unknown,
    readonly objects: string[],
    readonly callOuts: string[],
  ) {
    super('step failed');
  }
}

/**
 * The recovery loop of an app's cross-agency steps (ADR 11). It resumes every
 * `pending` step that no transaction holds: its request died or rolled back
 * after recording it (a killed process, a failed commit, a callee down). It
 * runs the registered step again from the start, with its recorded key, input,
 * time and caller: the callees answer its calls from their idempotency stores
 * (no second effect), and the step applies the answers and is marked done in
 * one transaction, audited as the app acting for the step's caller. Failures
 * that may pass are retried with backoff; refusals end the step as `failed`.
 * Several processes of one app may run it: a step is resumed by whoever
 * locks it.
 */
export function createStepRecovery(
  host: StepHost,
  db: Kysely<any>,
  options: StepRecoveryOptions = {},
): StepRecovery {
  const batchSize = options.batchSize ?? 20;
  const keepDoneMs = options.keepDoneMs ?? 7 * 24 * 60 * 60 * 1000;
  const steps = db as Kysely<StepTables>;
  let passes = 0;

  const entry = (row: PendingStep, outcome: 'ok' | 'failed', extra: Partial<AuditEntry>): AuditEntry => ({
    at: host.now(),
    // The app acts, for whoever started the step.
    actor: `service:${host.app}`,
    actorAgency: null,
    subject: row.actor,
    service: host.app,
    procedure: row.step,
    kind: 'mutation',
    objectIds: [],
    outcome,
    errorCode: null,
    sourceAddress: null,
    traceId: row.trace_id,
    requestId: randomUUID(),
    ...extra,
  });

  async function resumeNext(skip: string[]): Promise<Resumption> {
    try {
      return await steps.transaction().execute(async (trx): Promise<Resumption> => {
        let query = trx
          .selectFrom('pending_step')
          .selectAll()
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', host.now())
          .orderBy('next_attempt_at')
          .limit(1)
          .forUpdate()
          .skipLocked();
        if (skip.length > 0) query = query.where('key', 'not in', skip);
        const row = await query.executeTakeFirst();
        if (!row) return { kind: 'none' };
        // A request that has not recorded its row yet, or a retried one, holds the step's lock.
        if (!(await tryLockStep(trx, host.app, row.key))) return { kind: 'busy', key: row.key };
        const step = host.steps.get(row.step);
        const { scope, state } = createAuditScope();
        scope.objects(`step:${row.key}`);
        let published = 0;
        try {
          if (!step)
            throw new DomainError('INVALID', `no step named ${row.step} is registered in ${host.app}`);
          await executeStep(host, trx, step, {
            key: row.key,
            inputJson: JSON.stringify(row.input),
            by: row.actor,
            at: new Date(row.started_at),
            traceId: row.trace_id,
            resumed: true,
            audit: scope,
            publish: (contract, payload) => {
              published += 1;
              return host.publish(trx, contract, payload, { traceId: row.trace_id });
            },
            rowHeld: true,
          });
        } catch (error) {
          throw new StepFailed(row, error, state.objectIds, state.callOuts);
        }
        await appendAudit(
          trx,
          entry(row, 'ok', {
            objectIds: [...state.objectIds, ...state.callOuts.map((c) => `call-out:${c}`)],
          }),
        );
        return { kind: 'done', key: row.key, published };
      });
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      return {
        kind: 'failed',
        row: error.row,
        error: error.cause,
        objects: error.objects,
        callOuts: error.callOuts,
      };
    }
  }

  async function pass(): Promise<number> {
    passes += 1;
    const skip: string[] = [];
    let finished = 0;
    for (let i = 0; i < batchSize; i++) {
      const r = await resumeNext(skip);
      if (r.kind === 'none') break;
      if (r.kind === 'busy') {
        skip.push(r.key);
        continue;
      }
      if (r.kind === 'done') {
        finished += 1;
        if (r.published > 0) options.wake?.();
        host.log.info({ step: r.key }, 'cross-agency step resumed and completed');
        continue;
      }
      // Rolled back: nothing of this attempt stayed but the callees' own (idempotent) commits.
      skip.push(r.row.key);
      const outcome = await noteFailure(host, steps, r.row, r.error);
      await appendAudit(
        steps,
        entry(r.row, 'failed', {
          objectIds: [...r.objects, ...r.callOuts.map((c) => `call-out:${c}`)],
          errorCode: errorCodeOf(r.error),
        }),
      );
      const log = outcome === 'failed' ? host.log.error.bind(host.log) : host.log.warn.bind(host.log);
      log(
        { step: r.row.key, name: r.row.step, err: r.error, attempts: r.row.attempts + 1 },
        outcome === 'failed'
          ? 'cross-agency step given up: an operator must look at it'
          : 'cross-agency step not resumed yet; retrying later',
      );
    }
    if (passes % 100 === 1) {
      const before = new Date(host.now().getTime() - keepDoneMs);
      const old = steps
        .selectFrom('pending_step')
        .select('key')
        .where('status', '=', 'done')
        .where('completed_at', '<', before);
      await steps.deleteFrom('pending_step_call').where('step_key', 'in', old).execute();
      await steps
        .deleteFrom('pending_step')
        .where('status', '=', 'done')
        .where('completed_at', '<', before)
        .execute();
    }
    return finished;
  }

  const loop: PollingLoop = pollingLoop(pass, {
    pollMs: options.pollMs ?? 5_000,
    batchSize,
    log: host.log,
    what: 'cross-agency step recovery',
  });
  return { start: loop.start, runOnce: pass, stop: loop.stop };
}
