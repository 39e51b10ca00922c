import type { Kysely } from 'kysely';
import type { AntiCounterfeitBatchTable, AntiCounterfeitCodeTable } from './anticounterfeit/code.table.ts';
import type { BusinessApplicationTable } from './applications/application.table.ts';
import type { CccCertificateTable, CccFollowUpTable } from './certificates/certificate.table.ts';
import type { CodeSequenceTable, LegalEntityTable } from './entities/entity.table.ts';
import type { FineTable, RecallTable, SampleTable } from './sampling/sample.table.ts';

/** The tables of schema `golden_quality`, as Kysely sees them. */
export interface GoldenQualityDatabase {
  code_sequence: CodeSequenceTable;
  legal_entity: LegalEntityTable;
  business_application: BusinessApplicationTable;
  ccc_certificate: CccCertificateTable;
  ccc_follow_up: CccFollowUpTable;
  anti_counterfeit_batch: AntiCounterfeitBatchTable;
  anti_counterfeit_code: AntiCounterfeitCodeTable;
  sample: SampleTable;
  recall: RecallTable;
  fine: FineTable;
}

/** What services take first: the app's database or a transaction on it. */
export type GoldenQualityDb = Kysely<GoldenQualityDatabase>;
