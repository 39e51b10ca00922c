import type { Principal } from '@egov/kernel/identity';
import { type Recorder, recorderOf } from '@egov/kernel/trpc';

/** Who acts, for acts of a project's team: the recorder, and the official's platform username (null for a service). */
export interface Actor extends Recorder {
  username: string | null;
}

/**
 * The actor of a request: its recorder and, for an official, the username
 * the project's team lists (the principal id is `official:<uuid>`).
 *
 * @example
 * await pullSource(ctx.db, projectId, request, exchange, actorOf(ctx));
 */
export function actorOf(ctx: { principal: Principal; now: () => Date }): Actor {
  return { ...recorderOf(ctx), username: ctx.principal.kind === 'official' ? ctx.principal.username : null };
}
