import type { InstantColumn } from '@egov/kernel/db';
import type { ColumnType, Generated } from 'kysely';

type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Day = ColumnType<Date | string, string, string>;

export interface IncomingSequenceTable {
  year: number;
  last_serial: number;
}

/** An incoming document (收文), from 签收 to 办结. */
export interface IncomingDocumentTable {
  id: string;
  receipt_number: string;
  sender_code: string;
  sender_name: string;
  sender_number: string;
  title: string;
  classification: 'none' | 'secret' | 'confidential' | 'top-secret';
  urgency: 'normal' | 'urgent' | 'extra-urgent';
  copies: number;
  status: 'received' | 'assigned' | 'replied' | 'closed';
  received_by: string;
  received_at: InstantColumn;
  handling_office: string | null;
  assigned_by: string | null;
  assigned_at: Later<Date>;
  due_on: ColumnType<Date | string | null, string | null | undefined, string | null>;
  reply: string | null;
  replied_by: string | null;
  replied_at: Later<Date>;
  closed_by: string | null;
  closed_at: Later<Date>;
}

/** 传阅: who was sent the document to read, and when they read it. */
export interface IncomingCirculationTable {
  incoming_id: string;
  reader: string;
  sent_by: string;
  sent_at: InstantColumn;
  read_at: Later<Date>;
}

/** 催办: each urging, with how far past its deadline the document was then. */
export interface IncomingUrgingTable {
  id: Generated<string>;
  incoming_id: string;
  note: string;
  working_days_overdue: number;
  urged_by: string;
  urged_at: InstantColumn;
}

/** 督办: a supervised task with its deadline. */
export interface SupervisionTaskTable {
  id: Generated<string>;
  subject: string;
  incoming_id: string | null;
  responsible_office: string;
  due_on: Day;
  status: 'open' | 'done';
  result: string | null;
  opened_by: string;
  opened_at: InstantColumn;
  completed_by: string | null;
  completed_at: Later<Date>;
}
