import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuditScope } from '../audit/scope.ts';
import type { ConnectByName } from '../network/app-routers.ts';
import type { Logger } from '../log/logger.ts';
import type { PublishInContext } from '../trpc/context.ts';

/** What a step's code sees, the same whether a request runs it or the recovery loop resumes it. */
export interface StepContext<DB> {
  /** The transaction that applies the step's results: the request's own, or the recovery's. */
  db: Kysely<DB>;
  /** The step's key; its calls' idempotency keys derive from it, so a resumed step sends the same ones. */
  key: string;
  /** Who started the step (`official:…`): the resumed step records its changes as theirs. */
  by: string;
  /** When the step started: the same on every run, so every call carries the same input. */
  at: Date;
  traceId: string;
  /** True when the recovery loop runs it, after the request that started it did not commit. */
  resumed: boolean;
  audit: AuditScope;
  /** Writes an event to the outbox in the step's transaction. */
  publish: PublishInContext;
  /**
   * A typed client for another app, as this app's own service identity. Each mutation is recorded in
   * `pending_step` (committed) before it is sent, with a key derived from the step's key and the
   * call's position. Delegated calls (an official's token) are not offered: a token cannot be resumed.
   * `grant`: a catalog grant token for a conditional resource of the target (fetch it inside the step
   * from the platform's `catalog.grantToken`, a query, so a resumed step fetches a fresh one).
   */
  connect: ConnectByName<{ grant?: string }>;
  log: Logger;
}

/**
 * A cross-agency step: code that calls other apps and applies their answers
 * in the caller's transaction. It must be safe to run again from the start
 * with the same input, key and time (it checks its own state first, under a
 * lock, and makes its calls in the same order with the same inputs): that is
 * how the recovery loop resumes it.
 */
export interface StepDefinition<DB, S extends z.ZodType = z.ZodType, R = unknown> {
  /** Stored with each pending step: keep it stable (`declarations.pay`). */
  name: string;
  /** Parses the stored input on every run; the input must survive JSON unchanged. */
  input: S;
  run(ctx: StepContext<DB>, input: z.output<S>): Promise<R>;
}

const namePattern = /^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9-]*)+$/;

/**
 * Declares a durable cross-agency step. Register it in the app's definition
 * (`steps: [payStep]`) so the recovery loop can resume it, and run it from a
 * mutation with `ctx.step(payStep, input)`.
 *
 * @example
 * export const payStep = defineStep<GoldenCustomsDatabase>()({
 *   name: 'declarations.pay',
 *   input: PayInput,
 *   run: (ctx, input) => payDeclaration(ctx.db, input, treasuryOverNetwork(() => ctx.connect('golden-finance')), ctx),
 * });
 */
export function defineStep<DB>() {
  return <S extends z.ZodType, R>(step: StepDefinition<DB, S, R>): StepDefinition<DB, S, R> => {
    if (!namePattern.test(step.name))
      throw new Error(`step name "${step.name}" must look like a procedure path (declarations.pay)`);
    return step;
  };
}
