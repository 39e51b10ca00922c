import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '@egov/kernel/errors';
import type { Recorder } from '@egov/kernel/trpc';
import { sql, type Transaction } from 'kysely';
import type { GoldenQualityDatabase, GoldenQualityDb } from '../database.ts';
import {
  type EntityRegistration,
  getEntity,
  type LegalEntity,
  registerEntity,
} from '../entities/entity.service.ts';
import type { IdentityRegister } from '../shared/identity.ts';

export interface ApplicationInput {
  reference: string;
  taxpayerKind: 'general' | 'small-scale';
  entity: EntityRegistration;
}

export type StepName = 'entity_registered' | 'taxpayer_registered' | 'employer_registered';

/** An application and its steps, in the order the flow takes them. */
export interface BusinessApplication {
  uuid: string;
  reference: string;
  status: 'in_progress' | 'complete';
  entity: LegalEntity;
  taxpayerKind: 'general' | 'small-scale';
  submittedAt: Date;
  steps: { step: StepName; agency: string; doneAt: Date | null }[];
}

/** The digest of what an application asks, so a retry with other contents is told apart from a retry. */
export function applicationDigest(input: ApplicationInput): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

/**
 * Submits an application to open a business: registers the entity and issues
 * its credit code, in the caller's transaction. Idempotent on the portal's
 * reference: applications with one reference take turns (a transaction-scoped
 * advisory lock), and a retry with the same contents gets the first
 * application back, `created: false`, with no second entity and no second
 * check at golden-shield; other contents under a used reference are refused
 * (409 `reference_reused`).
 *
 * @example
 * const { application, created } = await submitApplication(trx, input, shield, recorder);
 */
export async function submitApplication(
  db: GoldenQualityDb,
  input: ApplicationInput,
  identity: IdentityRegister,
  recorder: Recorder,
): Promise<{ application: BusinessApplication; created: boolean }> {
  const digest = applicationDigest(input);
  // Held until the request's transaction ends (services run inside the kernel's transaction).
  await sql`select pg_advisory_xact_lock(hashtextextended(${`golden-quality:application:${input.reference}`}, 0))`.execute(
    db,
  );
  const existing = await db
    .selectFrom('business_application')
    .select(['reference', 'request_digest'])
    .where('reference', '=', input.reference)
    .executeTakeFirst();
  if (existing) {
    if (existing.request_digest !== digest)
      throw new DomainError(
        'CONFLICT',
        `application ${input.reference} was submitted before with other contents`,
        { field: 'reference', rule: 'reference_reused' },
      );
    return { application: await getApplication(db, input.reference), created: false };
  }
  const entity = await registerEntity(db, input.entity, identity, recorder);
  await db
    .insertInto('business_application')
    .values({
      uuid: randomUUID(),
      reference: input.reference,
      request_digest: digest,
      entity_uuid: entity.uuid,
      credit_code: entity.creditCode,
      taxpayer_kind: input.taxpayerKind,
      submitted_by: recorder.by,
      submitted_at: recorder.at,
      tax_registered_at: null,
      employer_registered_at: null,
    })
    .execute();
  return { application: await getApplication(db, input.reference), created: true };
}

/** The application with this reference; 404 on `reference` when there is none. */
export async function getApplication(db: GoldenQualityDb, reference: string): Promise<BusinessApplication> {
  const row = await db
    .selectFrom('business_application')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `no business application ${reference}`, {
      field: 'reference',
      rule: 'not_submitted',
    });
  const entity = await getEntity(db, row.credit_code);
  const steps: BusinessApplication['steps'] = [
    { step: 'entity_registered', agency: 'golden-quality', doneAt: entity.registeredAt },
    { step: 'taxpayer_registered', agency: 'golden-tax', doneAt: row.tax_registered_at },
    { step: 'employer_registered', agency: 'social-security', doneAt: row.employer_registered_at },
  ];
  return {
    uuid: row.uuid,
    reference: row.reference,
    status: steps.every((s) => s.doneAt) ? 'complete' : 'in_progress',
    entity,
    taxpayerKind: row.taxpayer_kind,
    submittedAt: row.submitted_at,
    steps,
  };
}

/**
 * Marks a downstream step done on the application of `creditCode` (an event from
 * golden-tax or social-security). The first confirmation's time is kept; an
 * entity registered without an application has nothing to mark.
 *
 * @example
 * await markStep(trx, '91110105…', 'taxpayer_registered', new Date(payload.registeredAt));
 */
export async function markStep(
  db: Transaction<GoldenQualityDatabase> | GoldenQualityDb,
  creditCode: string,
  step: 'taxpayer_registered' | 'employer_registered',
  at: Date,
): Promise<void> {
  const column = step === 'taxpayer_registered' ? 'tax_registered_at' : 'employer_registered_at';
  await db
    .updateTable('business_application')
    .set({ [column]: at })
    .where('credit_code', '=', creditCode)
    .where(column, 'is', null)
    .execute();
}
