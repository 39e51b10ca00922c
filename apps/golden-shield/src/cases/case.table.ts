import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Another agency asked to look into the case: which app, about what (a company's credit code), over which days. */
export interface Referral {
  app: string;
  subject: string;
  periodFrom: string;
  periodTo: string;
}

/** A case opened for another agency (the opener), about one resident on file. */
export interface CaseFileTable {
  /** The case number is made from it: `AML-<year opened>-<serial, 6 digits>` (case.rules.ts). */
  serial: Generated<string>;
  resident_uuid: string;
  /** The app the case was opened for (`financial-supervision`), or `golden-shield` for its own officials. */
  opened_for: string;
  /** The opener's own reference (its report number); one case per reference. */
  source_reference: string;
  grounds: string;
  referrals: JSONColumnType<Referral[], string, string>;
  opened_by: string;
  opened_at: ColumnType<Date, Date, never>;
}

/** What a referred agency found, attached to the case once per app and kind. */
export interface CaseFindingTable {
  case_serial: string | number | bigint;
  app: string;
  kind: string;
  summary: string;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  attached_by: string;
  attached_at: ColumnType<Date, Date, never>;
}
