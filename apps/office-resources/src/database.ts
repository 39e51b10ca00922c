import type { Kysely } from 'kysely';
import type { ArchiveItemTable, ArchiveSequenceTable } from './archive/archive.table.ts';
import type {
  ClassifiedReadingTable,
  DistributionTable,
  DocumentNumberSequenceTable,
  DocumentTable,
  RecipientTable,
  SigningAuthorityTable,
} from './documents/document.table.ts';
import type {
  IncomingCirculationTable,
  IncomingDocumentTable,
  IncomingSequenceTable,
  IncomingUrgingTable,
  SupervisionTaskTable,
} from './incoming/incoming.table.ts';
import type { SealKeyTable } from './seals/seal.table.ts';
import type { CourseTable, EnrolmentTable, ExamAttemptTable, ExamTable } from './training/training.table.ts';

/** The tables of schema `office_resources`, as Kysely sees them. */
export interface OfficeResourcesDatabase {
  document: DocumentTable;
  document_number_sequence: DocumentNumberSequenceTable;
  signing_authority: SigningAuthorityTable;
  recipient: RecipientTable;
  distribution: DistributionTable;
  classified_reading: ClassifiedReadingTable;
  seal_key: SealKeyTable;
  incoming_sequence: IncomingSequenceTable;
  incoming_document: IncomingDocumentTable;
  incoming_circulation: IncomingCirculationTable;
  incoming_urging: IncomingUrgingTable;
  supervision_task: SupervisionTaskTable;
  archive_sequence: ArchiveSequenceTable;
  archive_item: ArchiveItemTable;
  course: CourseTable;
  exam: ExamTable;
  enrolment: EnrolmentTable;
  exam_attempt: ExamAttemptTable;
}

/** What services take first: the app's database or a transaction on it. */
export type OfficeResourcesDb = Kysely<OfficeResourcesDatabase>;
