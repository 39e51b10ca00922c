import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

/** A time a later step fills in. */
type StepTime = ColumnType<Date | null, Date | null | undefined, Date | null>;

export interface Party {
  code: string;
  name: string;
}

/** An outgoing official document; content columns freeze at sign-off (a trigger refuses changes). */
export interface DocumentTable {
  id: string;
  kind: string;
  direction: 'upward' | 'parallel' | 'downward';
  classification: 'none' | 'secret' | 'confidential' | 'top-secret';
  secrecy_term_years: number | null;
  copy_number: string | null;
  urgency: 'normal' | 'urgent' | 'extra-urgent';
  document_code: string;
  issuer: string;
  signatories: string[];
  title: string;
  addressees: ColumnType<Party[], string, string>;
  body: string;
  attachments: string[];
  notes: string | null;
  copies_to: ColumnType<Party[], string, string>;
  printing_office: string;
  corrects_id: string | null;
  status: string;
  drafted_by: string;
  drafted_at: InstantColumn;
  reviewed_by: string | null;
  reviewed_at: StepTime;
  review_comment: string | null;
  signed_by: string | null;
  signed_at: StepTime;
  dated_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  year: number | null;
  serial: number | null;
  number: string | null;
  registered_at: StepTime;
  printed_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  pdf: Uint8Array | null;
  seal: ColumnType<unknown, string, string> | null;
  sealed_at: StepTime;
  distributed_at: StepTime;
}

/** The last serial issued per document code and year: the row lock makes numbers gapless. */
export interface DocumentNumberSequenceTable {
  document_code: string;
  year: number;
  last_serial: number;
}

/** Who may sign off (签发) which kinds of document under which code, up to which classification. */
export interface SigningAuthorityTable {
  id: Generated<string>;
  official: string;
  document_code: string;
  kinds: string[];
  max_classification: string;
  granted_by: string;
  granted_at: InstantColumn;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** An agency documents are distributed to, and the zone its receiving system is in. */
export interface RecipientTable {
  agency_code: string;
  name: string;
  app: string | null;
  zone: 'internal' | 'external';
  registered_by: string;
  registered_at: InstantColumn;
}

export interface DistributionTable {
  document_id: string;
  agency_code: string;
  role: 'addressee' | 'copy';
  distributed_at: InstantColumn;
  receipted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** 阅文登记: each reading of a classified document. */
export interface ClassifiedReadingTable {
  id: Generated<string>;
  document_id: string;
  reader: string;
  procedure: string;
  read_at: InstantColumn;
}
