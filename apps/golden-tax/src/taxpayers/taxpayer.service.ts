import { DomainError } from '@egov/kernel/errors';
import type { Fen } from '@egov/standards';
import type { GoldenTaxDb } from '../database.ts';
import type { TaxpayerKind } from '../rates/vat-rates.ts';
import type { Recorder } from '@egov/kernel/trpc';
import { toFen } from '@egov/kernel/db';
import { defaultMonthlyQuota } from './taxpayer.rules.ts';

export interface TaxpayerRegistration {
  creditCode: string;
  name: string;
  kind: TaxpayerKind;
  division: string;
  industry?: string | undefined;
}

/** A taxpayer as the services pass it around. */
export interface Taxpayer {
  id: string;
  creditCode: string;
  name: string;
  kind: TaxpayerKind;
  division: string;
  industry: string | null;
  monthlyQuotaFen: Fen;
}

const columns = ['id', 'credit_code', 'name', 'kind', 'division', 'industry', 'monthly_quota_fen'] as const;

function toTaxpayer(row: {
  id: string;
  credit_code: string;
  name: string;
  kind: TaxpayerKind;
  division: string;
  industry: string | null;
  monthly_quota_fen: string | number | bigint;
}): Taxpayer {
  return {
    id: row.id,
    creditCode: row.credit_code,
    name: row.name,
    kind: row.kind,
    division: row.division,
    industry: row.industry,
    monthlyQuotaFen: toFen(row.monthly_quota_fen),
  };
}

/**
 * Registers a taxpayer with the default quota of its kind. A second
 * registration of the same credit code is refused (CONFLICT), also when two
 * race: the insert does nothing on conflict and the missing row says so.
 *
 * @example
 * await registerTaxpayer(ctx.db, { creditCode, name: '福州闽江机械', kind: 'general', division: '350102' }, recorder);
 */
export async function registerTaxpayer(
  db: GoldenTaxDb,
  registration: TaxpayerRegistration,
  recorder: Recorder,
): Promise<Taxpayer> {
  const row = await db
    .insertInto('taxpayer')
    .values({
      credit_code: registration.creditCode,
      name: registration.name,
      kind: registration.kind,
      division: registration.division,
      industry: registration.industry ?? null,
      monthly_quota_fen: defaultMonthlyQuota[registration.kind],
      registered_at: recorder.at,
      registered_by: recorder.by,
    })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('CONFLICT', `taxpayer ${registration.creditCode} is already registered`, {
      field: 'creditCode',
      rule: 'already_registered',
    });
  }
  return toTaxpayer(row);
}

/**
 * Finds a taxpayer by credit code. `lock: 'share'` holds the row against a
 * concurrent filing until the transaction ends (invoices, claims and
 * certificates take it), `'update'` excludes them (filing a return takes it):
 * so nothing lands in a period while its return is being computed.
 *
 * @example
 * const seller = await findTaxpayer(trx, creditCode, { lock: 'share' });
 */
export async function findTaxpayer(
  db: GoldenTaxDb,
  creditCode: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<Taxpayer | undefined> {
  let query = db.selectFrom('taxpayer').select(columns).where('credit_code', '=', creditCode);
  if (options.lock === 'share') query = query.forShare();
  if (options.lock === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toTaxpayer(row) : undefined;
}

/**
 * Like {@link findTaxpayer}, refusing an unregistered code with NOT_FOUND on `field`.
 *
 * @example
 * const seller = await getTaxpayer(trx, input.sellerCreditCode, 'sellerCreditCode', { lock: 'share' });
 */
export async function getTaxpayer(
  db: GoldenTaxDb,
  creditCode: string,
  field = 'creditCode',
  options: { lock?: 'share' | 'update' } = {},
): Promise<Taxpayer> {
  const taxpayer = await findTaxpayer(db, creditCode, options);
  if (!taxpayer) {
    throw new DomainError('NOT_FOUND', `no taxpayer registered with credit code ${creditCode}`, {
      field,
      rule: 'not_registered',
    });
  }
  return taxpayer;
}

/**
 * Sets a taxpayer's monthly invoicing quota (risk-based adjustment).
 *
 * @example
 * await setMonthlyQuota(ctx.db, creditCode, parseYuan('2000000'));
 */
export async function setMonthlyQuota(db: GoldenTaxDb, creditCode: string, quota: Fen): Promise<Taxpayer> {
  const row = await db
    .updateTable('taxpayer')
    .set({ monthly_quota_fen: quota })
    .where('credit_code', '=', creditCode)
    .returning(columns)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', `no taxpayer registered with credit code ${creditCode}`, {
      field: 'creditCode',
      rule: 'not_registered',
    });
  }
  return toTaxpayer(row);
}

/**
 * Registers the taxpayer of a legal entity golden-quality registered (flow 2),
 * with the default quota of the kind it asked for; a taxpayer registered
 * already (by an officer, or by an earlier delivery) is returned as it is.
 * The division is the entity's domicile, read from golden-quality's event.
 *
 * @example
 * const taxpayer = await registerFromEntity(trx, payload, { by: 'event:golden-quality', at: new Date() });
 */
export async function registerFromEntity(
  db: GoldenTaxDb,
  entity: { creditCode: string; name: string; division: string; taxpayerKind: TaxpayerKind },
  recorder: Recorder,
): Promise<Taxpayer & { registeredAt: Date }> {
  await db
    .insertInto('taxpayer')
    .values({
      credit_code: entity.creditCode,
      name: entity.name,
      kind: entity.taxpayerKind,
      division: entity.division,
      industry: null,
      monthly_quota_fen: defaultMonthlyQuota[entity.taxpayerKind],
      registered_at: recorder.at,
      registered_by: recorder.by,
    })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .execute();
  const row = await db
    .selectFrom('taxpayer')
    .select([...columns, 'registered_at'])
    .where('credit_code', '=', entity.creditCode)
    .executeTakeFirstOrThrow();
  return { ...toTaxpayer(row), registeredAt: row.registered_at };
}
