import { issueCreditCode, issueResidentId, luhnCheckDigit } from '@egov/standards';
import { type BootedApp, bootApp, type DatabaseTarget } from '@egov/testing';
import { sql } from 'kysely';
import { financialSupervision } from './app.ts';
import type { FinancialSupervisionDatabase } from './database.ts';
import type { FinancialSupervisionRouter } from './router.ts';
import { COLUMNS } from './transactions/transaction.rules.ts';

export type FsTestApp = BootedApp<FinancialSupervisionDatabase, FinancialSupervisionRouter>;

/** Every permission financial-supervision declares, by what tests call them. */
export const perm = {
  register: 'financial-supervision.institution.register',
  readInstitution: 'financial-supervision.institution.read',
  setThreshold: 'financial-supervision.threshold.set',
  filePrudential: 'financial-supervision.prudential.file',
  readPrudential: 'financial-supervision.prudential.read',
  submit: 'financial-supervision.transaction.submit',
  readTransactions: 'financial-supervision.transaction.read',
  reveal: 'financial-supervision.customer.reveal',
  fileSuspicious: 'financial-supervision.suspicious.file',
  readSuspicious: 'financial-supervision.suspicious.read',
  refer: 'financial-supervision.suspicious.refer',
  cardRegister: 'financial-supervision.card.register',
  cardStatus: 'financial-supervision.card.status',
  cardCheck: 'financial-supervision.card.check',
} as const;

export const bootFs = (target: DatabaseTarget): Promise<FsTestApp> => bootApp(financialSupervision, target);

let serial = 0;
const unique = () =>
  `${(process.pid % 1000).toString().padStart(3, '0')}${(serial++).toString().padStart(5, '0')}`;

/** A valid credit code nobody else in this run got. */
export function freshCreditCode(division = '110105'): string {
  return issueCreditCode({ division, organisationBody: unique() });
}

/** A valid resident ID nobody else in this run got (born 1980-01-01 + n days). */
export function freshResidentId(): string {
  const n = serial++;
  const birth = new Date(Date.UTC(1980, 0, 1) + (n % 7000) * 86_400_000).toISOString().slice(0, 10);
  return issueResidentId({
    division: '110105',
    birthDate: birth,
    sequence: 1 + Math.floor(n / 7000) * 2 + (process.pid % 400) * 2,
  });
}

/** A 19-digit card number with the given BIN that passes Luhn, new each time. */
export function freshPan(bin: string, length = 19): string {
  const body = `${bin}${unique()}${Date.now()}`.slice(0, length - 1).padEnd(length - 1, '7');
  return body + luhnCheckDigit(body);
}

/** Registers an institution of `kind` and returns its credit code. */
export async function registered(app: FsTestApp, kind: 'bank' | 'securities' = 'bank'): Promise<string> {
  const creditCode = freshCreditCode();
  const token = await app.token(perm.register);
  const r = await app.call(
    'institutions.register',
    { creditCode, name: `测试机构${creditCode.slice(-6)}`, kind, licenceNo: `B${creditCode.slice(8, 17)}` },
    token,
  );
  if (r.status !== 200) throw new Error(`register: ${r.error?.message}`);
  return creditCode;
}

export type Row = Record<(typeof COLUMNS)[number], string>;

/** A CSV file of `rows` with its header. */
export function csv(rows: Partial<Row>[]): string {
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => r[c] ?? '').join(','))].join('\n');
}

/** A valid row of an individual's domestic transfer, with `patch` applied. */
export function row(patch: Partial<Row> = {}): Row {
  return {
    txn_id: `T${unique()}`,
    customer_type: 'individual',
    customer_id: '11010519491231002X',
    customer_name: '张三',
    kind: 'transfer',
    direction: 'out',
    cross_border: 'false',
    currency: 'CNY',
    amount_minor: '100000',
    booked_on: '2025-06-03',
    ...patch,
  };
}

/** The app's audit records of `procedure`, oldest first. */
export async function auditOf(app: FsTestApp, procedure: string) {
  const { rows } = await sql<{
    outcome: string;
    object_ids: string[];
    actor: string;
    kind: string;
  }>`select outcome, object_ids, actor, kind from ${sql.table(`${app.app.database.schema}.audit_record`)}
     where procedure = ${procedure} order by seq`.execute(app.app.database.db);
  return rows;
}
