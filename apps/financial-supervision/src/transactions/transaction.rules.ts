import {
  AMOUNT_BOUNDS_FEN,
  validateCreditCode,
  validateResidentId,
  workingDayCalendarCovers,
} from '@egov/standards';

/**
 * Large-value transaction reporting after 金融机构大额交易和可疑交易报告管理办法
 * (中国人民银行令〔2016〕第3号, in force 2017-07-01), article 5: a financial
 * institution reports
 * (1) cash paid in or out (deposits, withdrawals, cash exchange, cash remittance,
 *     ...) of CNY 50,000 or more, or foreign currency worth USD 10,000 or more,
 *     in one transaction or cumulatively in a day;
 * (2) transfers between a non-natural-person customer's account and other
 *     accounts of CNY 2,000,000 or more, or USD 200,000 or more, in a day;
 * (3) domestic transfers of a natural person's account of CNY 500,000 or more,
 *     or USD 100,000 or more, in a day;
 * (4) cross-border transfers of a natural person's account of CNY 200,000 or
 *     more, or USD 10,000 or more, in a day.
 * "Or more" includes the figure itself (以上，含). Cumulative amounts are
 * counted per customer and one-sided: money in and money out separately
 * (累计交易金额以客户为单位，按资金收入或者支出单边累计计算). Article 15: the
 * report is due within 5 working days of the day of the transaction.
 *
 * National rules, exact, not configuration. Foreign currencies other than USD
 * need an exchange rate to count in USD equivalent, which this system does not
 * keep yet: they are refused rather than guessed.
 */
export const currencies = ['CNY', 'USD'] as const;
export type Currency = (typeof currencies)[number];

export const categories = ['cash', 'org_transfer', 'individual_domestic', 'individual_cross_border'] as const;
export type Category = (typeof categories)[number];

/** The thresholds in minor units (fen, US cents), per category and currency. */
export const LARGE_VALUE_THRESHOLDS: Record<Category, Record<Currency, number>> = {
  cash: { CNY: 5_000_000, USD: 1_000_000 },
  org_transfer: { CNY: 200_000_000, USD: 20_000_000 },
  individual_domestic: { CNY: 50_000_000, USD: 10_000_000 },
  individual_cross_border: { CNY: 20_000_000, USD: 1_000_000 },
};

/** Working days after the day of the transaction by which the report is due (article 15). */
export const REPORT_DUE_WORKING_DAYS = 5;

/** How many rows one submitted file may hold (a bound on one request's work and size). */
export const MAX_ROWS_PER_FILE = 5_000;

export type CustomerType = 'individual' | 'organisation';

/** One transaction as the institution reported it, validated. */
export interface TransactionRow {
  line: number;
  txnId: string;
  customerType: CustomerType;
  customerId: string;
  customerName: string;
  kind: 'cash' | 'transfer';
  direction: 'in' | 'out';
  crossBorder: boolean;
  currency: Currency;
  amountMinor: number;
  bookedOn: string;
  category: Category;
}

/** A refused row: its line in the file, the field and the rule. */
export interface RowError {
  line: number;
  field: string;
  rule: string;
  message: string;
}

/** The columns of a CSV file (its header line) and the keys of a JSON Lines object, in order. */
export const COLUMNS = [
  'txn_id',
  'customer_type',
  'customer_id',
  'customer_name',
  'kind',
  'direction',
  'cross_border',
  'currency',
  'amount_minor',
  'booked_on',
] as const;
type Column = (typeof COLUMNS)[number];

/** Which category a transaction counts in (article 5 (1) to (4)). */
export function categoryOf(t: Pick<TransactionRow, 'kind' | 'customerType' | 'crossBorder'>): Category {
  if (t.kind === 'cash') return 'cash';
  if (t.customerType === 'organisation') return 'org_transfer';
  return t.crossBorder ? 'individual_cross_border' : 'individual_domestic';
}

/** Whether a day's one-sided total of a category reaches the threshold (inclusive). */
export function isLargeValue(category: Category, currency: Currency, totalMinor: bigint): boolean {
  return totalMinor >= BigInt(LARGE_VALUE_THRESHOLDS[category][currency]);
}

const TXN_ID = /^[A-Za-z0-9._:-]{1,40}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/**
 * Validates one row's fields (strings as read from the file) against the
 * rules; the first failing field of the row is reported. `today` is the China
 * day of receipt: a transaction may not be booked after it.
 */
export function validateRow(
  line: number,
  fields: Record<Column, unknown>,
  today: string,
): { ok: true; row: TransactionRow } | { ok: false; error: RowError } {
  const fail = (field: Column, rule: string, message: string) =>
    ({ ok: false, error: { line, field, rule, message } }) as const;
  for (const c of COLUMNS) if (typeof fields[c] !== 'string') return fail(c, 'type', `${c} must be text`);
  const f = fields as Record<Column, string>;
  if (!TXN_ID.test(f.txn_id))
    return fail('txn_id', 'format', 'a transaction id is 1 to 40 of A-Z a-z 0-9 . _ : -');
  if (f.customer_type !== 'individual' && f.customer_type !== 'organisation')
    return fail('customer_type', 'enum', 'customer_type is individual or organisation');
  const customerType: CustomerType = f.customer_type;
  let customerId: string;
  if (customerType === 'individual') {
    const id = validateResidentId(f.customer_id);
    if (!id.ok) return fail('customer_id', id.part, id.message);
    customerId = id.value;
  } else {
    const code = validateCreditCode(f.customer_id);
    if (!code.ok) return fail('customer_id', code.part, code.message);
    customerId = code.value;
  }
  const customerName = f.customer_name.trim();
  if (customerName.length < 1 || customerName.length > 100)
    return fail('customer_name', 'length', 'a customer name is 1 to 100 characters');
  if (f.kind !== 'cash' && f.kind !== 'transfer') return fail('kind', 'enum', 'kind is cash or transfer');
  if (f.direction !== 'in' && f.direction !== 'out')
    return fail('direction', 'enum', 'direction is in or out');
  if (f.cross_border !== 'true' && f.cross_border !== 'false')
    return fail('cross_border', 'enum', 'cross_border is true or false');
  if (f.currency !== 'CNY' && f.currency !== 'USD')
    return fail(
      'currency',
      'unsupported_currency',
      `currency must be CNY or USD (the order's thresholds; other currencies need a USD rate), got "${f.currency.slice(0, 10)}"`,
    );
  const amount = f.amount_minor;
  if (/^\d+[.,]\d*$/.test(amount))
    return fail(
      'amount_minor',
      'integer_minor_unit',
      `amounts are whole minor units (fen, cents), got ${amount.slice(0, 30)}`,
    );
  if (!/^\d{1,16}$/.test(amount))
    return fail('amount_minor', 'format', 'an amount is a whole number of minor units, digits only');
  const amountMinor = Number(amount);
  if (amountMinor <= 0) return fail('amount_minor', 'positive', 'an amount must be positive');
  if (amountMinor > AMOUNT_BOUNDS_FEN.transaction)
    return fail(
      'amount_minor',
      'max_amount',
      `an amount is at most ${AMOUNT_BOUNDS_FEN.transaction} minor units`,
    );
  if (!validDay(f.booked_on)) return fail('booked_on', 'invalid_date', 'booked_on is a real YYYY-MM-DD day');
  if (f.booked_on > today)
    return fail('booked_on', 'in_future', `booked_on ${f.booked_on} is after today (${today})`);
  if (!workingDayCalendarCovers(Number(f.booked_on.slice(0, 4))))
    return fail('booked_on', 'calendar_not_covered', 'the working-day calendar does not cover that year');
  const kind: 'cash' | 'transfer' = f.kind;
  const crossBorder = f.cross_border === 'true';
  if (kind === 'cash' && crossBorder)
    return fail(
      'cross_border',
      'cash_not_cross_border',
      'a cash transaction happens at a counter, not across a border',
    );
  const base = { kind, customerType, crossBorder };
  return {
    ok: true,
    row: {
      line,
      txnId: f.txn_id,
      customerType,
      customerId,
      customerName,
      kind,
      direction: f.direction,
      crossBorder,
      currency: f.currency,
      amountMinor,
      bookedOn: f.booked_on,
      category: categoryOf(base),
    },
  };
}

export interface ParsedFile {
  rows: TransactionRow[];
  errors: RowError[];
  /** Data lines read (blank lines not counted). */
  lines: number;
}

/** A file-level refusal: nothing of the file is kept. */
export class FileError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a CSV (header line `txn_id,customer_type,…`, no quoting: the fields
 * hold no commas) or JSON Lines file into validated rows and row errors. A
 * duplicate transaction id within the file refuses the later line. More than
 * {@link MAX_ROWS_PER_FILE} data lines, or a wrong header, refuse the file.
 */
export function parseTransactionFile(format: 'csv' | 'jsonl', content: string, today: string): ParsedFile {
  const lines = content.split(/\r?\n/);
  const rows: TransactionRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  let first = 0;
  if (format === 'csv') {
    const header = lines[0]?.trim() ?? '';
    if (header !== COLUMNS.join(','))
      throw new FileError('header', `the first line must be the header ${COLUMNS.join(',')}`);
    first = 1;
  }
  const dataLines = lines.slice(first).filter((l) => l.trim() !== '').length;
  if (dataLines === 0) throw new FileError('empty', 'the file holds no transactions');
  if (dataLines > MAX_ROWS_PER_FILE)
    throw new FileError(
      'max_rows',
      `a file holds at most ${MAX_ROWS_PER_FILE} transactions, this one ${dataLines}`,
    );
  for (let i = first; i < lines.length; i++) {
    const text = lines[i]!;
    if (text.trim() === '') continue;
    const line = i + 1;
    let fields: Record<string, unknown>;
    if (format === 'csv') {
      const parts = text.split(',');
      if (parts.length !== COLUMNS.length) {
        errors.push({
          line,
          field: '(row)',
          rule: 'columns',
          message: `a row has ${COLUMNS.length} fields separated by commas, this one ${parts.length}`,
        });
        continue;
      }
      fields = Object.fromEntries(COLUMNS.map((c, k) => [c, parts[k]!.trim()]));
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        errors.push({ line, field: '(row)', rule: 'json', message: 'the line is not a JSON object' });
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        errors.push({ line, field: '(row)', rule: 'json', message: 'the line is not a JSON object' });
        continue;
      }
      const unknown = Object.keys(parsed).find((k) => !(COLUMNS as readonly string[]).includes(k));
      if (unknown !== undefined) {
        errors.push({ line, field: unknown.slice(0, 40), rule: 'unknown_field', message: 'unknown field' });
        continue;
      }
      fields = parsed as Record<string, unknown>;
    }
    const checked = validateRow(line, fields as Record<Column, unknown>, today);
    if (!checked.ok) {
      errors.push(checked.error);
      continue;
    }
    if (seen.has(checked.row.txnId)) {
      errors.push({
        line,
        field: 'txn_id',
        rule: 'duplicate',
        message: `transaction ${checked.row.txnId} appears twice in the file`,
      });
      continue;
    }
    seen.add(checked.row.txnId);
    rows.push(checked.row);
  }
  return { rows, errors, lines: dataLines };
}
