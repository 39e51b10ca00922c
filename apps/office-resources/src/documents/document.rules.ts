/*
 * The rules of official documents (公文), pure and unit-tested.
 *
 * Sources:
 * - 党政机关公文处理工作条例 (中办发〔2012〕14号, in force 2012-07-01), hereafter 条例:
 *   article 8 (the fifteen kinds), article 9 (the layout elements), article 15-17 (行文规则),
 *   article 24 (发文办理: 复核, 登记 with 发文字号, 印制, 核发).
 * - GB/T 9704-2012 党政机关公文格式: 7.2.1 份号 (6 digits, required on classified documents),
 *   7.2.2 密级和保密期限, 7.2.3 紧急程度 (特急, 加急), 7.2.5 发文字号 (代字〔年份〕序号,
 *   the year in full, the serial without leading zeros or 第), 7.2.6 签发人 (upward documents).
 * - 中华人民共和国保守国家秘密法 (2024 revision) article 15 / 国家秘密定密管理暂行规定: unless
 *   fixed otherwise, 绝密 at most 30 years, 机密 at most 20, 秘密 at most 10.
 */

/** The fifteen kinds of 条例 article 8, in its order; the value is what the document says. */
export const DOCUMENT_KINDS = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** 非密 (not classified), then the three levels of state secrets, lowest first. */
export const CLASSIFICATIONS = ['none', 'secret', 'confidential', 'top-secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_ZH: Record<Classification, string> = {
  none: '',
  secret: '秘密',
  confidential: '机密',
  'top-secret': '绝密',
};
/** 保守国家秘密法 article 15: the longest term of each level, in years. */
export const MAX_SECRECY_YEARS: Record<Exclude<Classification, 'none'>, number> = {
  secret: 10,
  confidential: 20,
  'top-secret': 30,
};
/** Secret and above: exists only in the internal zone (S1.2), every reader recorded. */
export const isClassified = (c: Classification) => c !== 'none';
export const classificationRank = (c: Classification) => CLASSIFICATIONS.indexOf(c);

/** GB/T 9704-2012 7.2.3: 特急 and 加急 (telegrams also 特提, 平急: not issued here). */
export const URGENCIES = ['normal', 'urgent', 'extra-urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_ZH: Record<Urgency, string> = { normal: '', urgent: '加急', 'extra-urgent': '特急' };

/** 上行文 to a superior, 平行文 to a peer, 下行文 to a subordinate (条例 chapter 4). */
export const DIRECTIONS = ['upward', 'parallel', 'downward'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * The document codes (发文机关代字) of the General Office of the State Council, dated
 * configuration: each agency's codes are its own, set by its office; these are the ones in use.
 */
export const DOCUMENT_CODES: Record<string, { since: string; use: string }> = {
  国办发: { since: '1980-01-01', use: 'documents of the General Office (通知, 意见, 决定 …)' },
  国办函: { since: '1980-01-01', use: 'letters (函) and replies (批复)' },
  国办发明电: { since: '1980-01-01', use: 'urgent telegrams sent openly' },
};

export type Check<T> = { ok: true; value: T } | { ok: false; field: string; part: string; message: string };
const bad = (field: string, part: string, message: string) => ({ ok: false, field, part, message }) as const;

export interface LayoutInput {
  kind: DocumentKind;
  direction: Direction;
  classification: Classification;
  secrecyTermYears?: number | undefined;
  copyNumber?: string | undefined;
  signatories: string[];
  addressees: { code: string }[];
}

/**
 * The layout rules a draft must keep before it may go to review (GB/T 9704-2012 7.2, 条例 15).
 *
 * @example
 * checkLayout({ kind: '请示', direction: 'upward', classification: 'none', signatories: [], addressees: [a] })
 * // { ok: false, field: 'signatories', part: 'signatory_required', … }
 */
export function checkLayout(input: LayoutInput): Check<LayoutInput> {
  const c = input.classification;
  if (isClassified(c)) {
    if (input.copyNumber === undefined)
      return bad(
        'copyNumber',
        'copy_number_required',
        'a classified document carries its copy number (份号)',
      );
    const max = MAX_SECRECY_YEARS[c];
    if (input.secrecyTermYears !== undefined && input.secrecyTermYears > max)
      return bad(
        'secrecyTermYears',
        'secrecy_term_too_long',
        `${CLASSIFICATION_ZH[c]} is kept secret at most ${max} years (保守国家秘密法 art. 15)`,
      );
  } else if (input.secrecyTermYears !== undefined)
    return bad(
      'secrecyTermYears',
      'term_without_classification',
      'only a classified document has a secrecy term',
    );
  if (input.kind === '请示' && input.direction !== 'upward')
    return bad('direction', 'kind_direction', '请示 goes upward only (条例 art. 15)');
  if (input.kind === '批复' && input.direction !== 'downward')
    return bad('direction', 'kind_direction', '批复 goes downward only');
  if (input.kind === '请示' && input.addressees.length !== 1)
    return bad('addressees', 'one_addressee', '请示 is addressed to one superior agency only (条例 art. 15)');
  if (input.direction === 'upward' && input.signatories.length === 0)
    return bad(
      'signatories',
      'signatory_required',
      'an upward document names its signatory (GB/T 9704 7.2.6)',
    );
  return { ok: true, value: input };
}

/**
 * The document number of GB/T 9704-2012 7.2.5: 代字〔年份〕序号号, e.g. 中办发〔2002〕17号.
 *
 * @example documentNumber('国办发', 2026, 17) // '国办发〔2026〕17号'
 */
export function documentNumber(code: string, year: number, serial: number): string {
  return `${code}〔${year}〕${serial}号`;
}

const NUMBER = /^(\p{Script=Han}{2,8})〔(\d{4})〕([1-9]\d{0,5})号$/u;
/** Parses a document number; refuses leading zeros, 第, and brackets other than 〔〕. */
export function parseDocumentNumber(text: string): Check<{ code: string; year: number; serial: number }> {
  const m = NUMBER.exec(text);
  if (!m)
    return bad('number', 'number_format', 'a document number is 代字〔年份〕序号号, e.g. 国办发〔2026〕17号');
  return { ok: true, value: { code: m[1]!, year: Number(m[2]), serial: Number(m[3]) } };
}

/** The classification mark of GB/T 9704 7.2.2, e.g. 机密★20年 (the term after a star). */
export function classificationMark(c: Classification, years?: number | null): string {
  if (!isClassified(c)) return '';
  return years ? `${CLASSIFICATION_ZH[c]}★${years}年` : CLASSIFICATION_ZH[c];
}

/** The states of an outgoing document (条例 art. 24), and which step leads from which. */
export const STATUSES = [
  'draft',
  'in-review',
  'reviewed',
  'signed',
  'registered',
  'sealed',
  'distributed',
] as const;
export type DocumentStatus = (typeof STATUSES)[number];
export const NEXT_STEP: Record<string, { from: DocumentStatus[]; to: DocumentStatus }> = {
  submit: { from: ['draft'], to: 'in-review' },
  review: { from: ['in-review'], to: 'reviewed' },
  sign: { from: ['reviewed'], to: 'signed' },
  register: { from: ['signed'], to: 'registered' },
  seal: { from: ['registered'], to: 'sealed' },
  distribute: { from: ['sealed'], to: 'distributed' },
};

/** Chinese date as documents write it: 2026年12月3日 (GB/T 9704 7.3.5.1: Arabic numerals, no leading zeros). */
export function chineseDate(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The second check of S1.2 behind the kernel's zones: a classified document goes to no caller outside
 * the internal zone. `callerZone` is undefined for an official (who logs in on the internal network).
 *
 * @example classifiedZoneRefusal('secret', 'external') // 'a classified document …'
 */
export function classifiedZoneRefusal(c: Classification, callerZone: string | undefined): string | null {
  if (!isClassified(c) || callerZone === undefined || callerZone === 'internal') return null;
  return `a classified document is never sent to the ${callerZone} zone`;
}
