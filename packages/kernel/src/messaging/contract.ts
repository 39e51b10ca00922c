import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** `<system>.<aggregate>.<happening>.v<major>`: the version is part of the name, so a breaking change is a new event. */
export const EVENT_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v\d+$/;

/** A named, versioned event and the zod schema its payload must satisfy. */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly schema: S;
}

/** What a handler receives: the contract's parsed output. */
export type EventPayload<C extends EventContract> = z.output<C['schema']>;

/**
 * The wire form, the same for every transport. Payloads travel as JSON, so
 * schemas should describe JSON (no transforms to Date, Map, ...): the consumer
 * re-validates what arrives, not what the producer held in memory.
 */
export interface EventEnvelope<P = unknown> {
  id: string;
  name: string;
  payload: P;
  occurredAt: string;
  producer: string;
  traceId?: string;
  correlationId?: string;
}

/**
 * Checks an envelope from the wire; the payload is checked later, against the consumer's contract.
 *
 * @example
 * const ok = eventEnvelopeSchema.safeParse(JSON.parse(text)).success;
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  name: z.string().regex(EVENT_NAME),
  payload: z.unknown(),
  occurredAt: z.iso.datetime({ offset: true }),
  producer: z.string().min(1),
  traceId: z.string().optional(),
  correlationId: z.string().optional(),
});

/**
 * Declares an event. Define it once, in the producing app's `events.ts`, and
 * import it on the consuming side, so both validate against the same schema.
 *
 * @example
 * export const residentDied = defineEvent(
 *   'golden-shield.resident.died.v1',
 *   z.object({ residentId: z.string(), diedOn: z.iso.date() }),
 * );
 */
export function defineEvent<S extends z.ZodType>(name: string, schema: S): EventContract<S> {
  if (!EVENT_NAME.test(name)) {
    throw new Error(`event name "${name}" must look like golden-shield.resident.died.v1`);
  }
  return Object.freeze({ name, schema });
}

/**
 * A UUIDv7: time-ordered, so outbox and inbox indexes on the id stay compact
 * and ids sort roughly by when the event happened.
 *
 * @example
 * newEventId(); // '01936c4e-8f3a-7b2c-9d4e-5f6a7b8c9d0e'
 */
export function newEventId(now: number = Date.now()): string {
  const bytes = randomSixteen();
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/**
 * A stable id for something that arrived without a usable one, so the same
 * garbage delivered twice is still one dead letter, not two.
 */
export function derivedEventId(raw: unknown): string {
  const bytes = createHash('sha256').update(safeJson(raw)).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return formatUuid(bytes);
}

/** JSON text for anything, including values JSON.stringify refuses (cycles, bigint). */
export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return JSON.stringify(String(value));
  }
}

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 256 ids instead of one each. */
let pool = Buffer.alloc(0);
let poolAt = 0;
function randomSixteen(): Buffer {
  if (poolAt + 16 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  // A view: each 16 bytes are used once, so the caller may write its time and version bits into them.
  const bytes = pool.subarray(poolAt, poolAt + 16);
  poolAt += 16;
  return bytes;
}

function formatUuid(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
