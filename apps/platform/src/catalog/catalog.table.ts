import type { ColumnType, Selectable } from 'kysely';

/** How a resource may be shared (GB/T 21063.3 共享类型: 无条件共享, 有条件共享, 不予共享). */
export type Sharing = 'unconditional' | 'conditional' | 'not-shared';
export type UpdateCycle = 'realtime' | 'daily' | 'monthly' | 'yearly' | 'irregular';
export type ResourceFormat = 'api' | 'database' | 'spreadsheet' | 'document' | 'image' | 'stream' | 'other';
export type RequestStatus = 'pending' | 'granted' | 'refused';

type TextArray = ColumnType<string[], string[] | undefined, string[]>;

/** Which agency operates which system: a resource is served by its owner's system, requested for the consumer's. */
export interface AgencySystemTable {
  /** The app's name, which is also its service identity and token audience. */
  app: string;
  agency_code: string;
  declared_at: ColumnType<Date, Date | undefined, never>;
}

/** One entry of the information resource catalog (政务信息资源目录, GB/T 21063). */
export interface InformationResourceTable {
  /** `<system>-<domain>-<serial>`, e.g. `GS-POP-0001` (see `catalog.rules.ts`). */
  id: string;
  title: string;
  owner_agency: string;
  /** The owner's system that serves the resource (the grant token's audience). */
  owner_app: string;
  summary: string;
  sharing: Sharing;
  update_cycle: UpdateCycle;
  format: ResourceFormat;
  /** The owner app's procedures that serve it, e.g. `identity.verify`. */
  procedures: ColumnType<string[], string[], string[]>;
  keywords: TextArray;
  /** GB/T 2260 division codes covered; empty: the whole country. */
  divisions: TextArray;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: ColumnType<string, string, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  updated_by: string;
}

/** A consumer agency's request to use some procedures of a resource, for a purpose, until a date. */
export interface AccessRequestTable {
  id: string;
  resource_id: string;
  /** The resource's sharing class, kept in step by a cascading foreign key (the database's not-shared rule). */
  sharing: ColumnType<Sharing, Sharing, never>;
  consumer_app: string;
  consumer_agency: string;
  procedures: ColumnType<string[], string[], string[]>;
  purpose: string;
  until: Date;
  /** `official:<uuid>` */
  requested_by: string;
  requested_at: Date;
  status: ColumnType<RequestStatus, RequestStatus | undefined, RequestStatus>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The owner's consent: the consumer's system may call these procedures of the resource until `expires_at`. */
export interface ExchangeGrantTable {
  id: string;
  request_id: string;
  resource_id: string;
  sharing: ColumnType<Sharing, Sharing, never>;
  consumer_app: string;
  consumer_agency: string;
  procedures: ColumnType<string[], string[], string[]>;
  purpose: string;
  expires_at: Date;
  granted_by: string;
  granted_at: Date;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  revoked_by: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export type AgencySystemRow = Selectable<AgencySystemTable>;
export type ResourceRow = Selectable<InformationResourceTable>;
export type AccessRequestRow = Selectable<AccessRequestTable>;
export type GrantRow = Selectable<ExchangeGrantTable>;
