import { lookupDivision, parseDivisionCode } from '@egov/standards';
import { z } from 'zod';
import { AppName, KebabName, Timestamp } from '../schemas.ts';
import { PROCEDURE_PATH, RESOURCE_ID } from './catalog.rules.ts';

export const ResourceId = z
  .string()
  .max(32)
  .regex(RESOURCE_ID, 'must be <system>-<domain>-<serial>, e.g. GS-POP-0001 (upper-case letters, 4 digits)');

export const Sharing = z.enum(['unconditional', 'conditional', 'not-shared']);
export const UpdateCycle = z.enum(['realtime', 'daily', 'monthly', 'yearly', 'irregular']);
/** GB/T 21063.3 资源格式, coarsely: how the resource is delivered. Catalog resources served by procedures are `api`. */
export const ResourceFormat = z.enum([
  'api',
  'database',
  'spreadsheet',
  'document',
  'image',
  'stream',
  'other',
]);

export const ProcedurePath = z
  .string()
  .max(128)
  .regex(PROCEDURE_PATH, 'must be a procedure path of the owner app, e.g. identity.verify');

/** Distinct entries, at least one, in the order given. */
const ProcedureList = z
  .array(ProcedurePath)
  .min(1)
  .max(50)
  .refine((list) => new Set(list).size === list.length, 'must not repeat a procedure');

/** A GB/T 2260 division in force today, at any level (province, prefecture, county). */
export const DivisionCode = z.string().transform((value, ctx) => {
  const parsed = parseDivisionCode(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { rule: parsed.part } });
    return z.NEVER;
  }
  if (lookupDivision(parsed.value)?.status !== 'current') {
    ctx.addIssue({
      code: 'custom',
      message: `division ${value} was abolished; use the current code`,
      params: { rule: 'abolished' },
    });
    return z.NEVER;
  }
  return value;
});

const Keyword = z.string().trim().min(1).max(50);

const ResourceFields = {
  title: z.string().trim().min(1).max(200),
  ownerApp: AppName,
  summary: z.string().trim().min(1).max(2000),
  sharing: Sharing,
  updateCycle: UpdateCycle,
  format: ResourceFormat,
  procedures: ProcedureList,
  keywords: z
    .array(Keyword)
    .max(30)
    .transform((list) => [...new Set(list)]),
  /** Empty: the whole country. */
  divisions: z
    .array(DivisionCode)
    .max(100)
    .transform((list) => [...new Set(list)].sort()),
};

/** Registering a resource: the owner agency's steward (or the national office's) describes it. */
export const RegisterResourceInput = z.strictObject({
  id: ResourceId,
  ownerAgency: KebabName,
  ...ResourceFields,
  keywords: ResourceFields.keywords.default([]),
  divisions: ResourceFields.divisions.default([]),
});
export type RegisterResourceInput = z.output<typeof RegisterResourceInput>;

/** Changing a resource: any field but its identifier and owner agency. */
export const UpdateResourceInput = z.strictObject({
  id: ResourceId,
  title: ResourceFields.title.optional(),
  ownerApp: ResourceFields.ownerApp.optional(),
  summary: ResourceFields.summary.optional(),
  sharing: ResourceFields.sharing.optional(),
  updateCycle: ResourceFields.updateCycle.optional(),
  format: ResourceFields.format.optional(),
  procedures: ResourceFields.procedures.optional(),
  keywords: ResourceFields.keywords.optional(),
  divisions: ResourceFields.divisions.optional(),
});
export type UpdateResourceInput = z.output<typeof UpdateResourceInput>;

export const Resource = z.object({
  id: z.string(),
  title: z.string(),
  ownerAgency: z.string(),
  ownerApp: z.string(),
  summary: z.string(),
  sharing: Sharing,
  updateCycle: UpdateCycle,
  format: ResourceFormat,
  procedures: z.array(z.string()),
  keywords: z.array(z.string()),
  divisions: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Resource = z.infer<typeof Resource>;

export const UpdateResourceOutput = z.object({
  resource: Resource,
  /** Grants revoked because the resource became not-shared. */
  revokedGrants: z.array(z.uuid()),
});

export const SearchInput = z
  .strictObject({
    /** Words matched anywhere in the identifier, title, summary or keywords; every word must match. */
    q: z.string().trim().max(200).optional(),
    ownerAgency: KebabName.optional(),
    ownerApp: AppName.optional(),
    sharing: Sharing.optional(),
    updateCycle: UpdateCycle.optional(),
    format: ResourceFormat.optional(),
    /** Exactly this keyword. */
    keyword: Keyword.optional(),
    /** Resources covering this division: nationwide ones, and those scoped to it or to a division containing it. */
    division: DivisionCode.optional(),
    /** Resources served by this procedure. */
    procedure: ProcedurePath.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .default({ limit: 20, offset: 0 });
export type SearchInput = z.output<typeof SearchInput>;

export const SearchOutput = z.object({ total: z.number().int(), items: z.array(Resource) });

export const GetResourceInput = z.strictObject({ id: ResourceId });

export const AgencySystem = z.object({ app: z.string(), agency: z.string() });
export const DeclareSystemInput = z.strictObject({ app: AppName, agency: KebabName });

const Purpose = z
  .string()
  .trim()
  .min(10, 'must state the purpose in at least 10 characters')
  .max(500, 'must state the purpose in at most 500 characters');
const Reason = z.string().trim().min(2).max(500);

export const RequestAccessInput = z.strictObject({
  resourceId: ResourceId,
  /** The consumer agency's system that will call the owner's procedures. */
  consumerApp: AppName,
  procedures: ProcedureList,
  purpose: Purpose,
  /** ISO 8601; at most one year (365 days) ahead. */
  until: z.iso.datetime({ offset: true }),
});
export type RequestAccessInput = z.output<typeof RequestAccessInput>;

export const AccessRequest = z.object({
  id: z.uuid(),
  resourceId: z.string(),
  consumerApp: z.string(),
  consumerAgency: z.string(),
  procedures: z.array(z.string()),
  purpose: z.string(),
  until: Timestamp,
  status: z.enum(['pending', 'granted', 'refused']),
  requestedBy: z.string(),
  requestedAt: Timestamp,
  decidedBy: z.string().nullable(),
  decidedAt: Timestamp.nullable(),
  reason: z.string().nullable(),
  grantId: z.uuid().nullable(),
});
export type AccessRequest = z.infer<typeof AccessRequest>;

export const DecideInput = z.strictObject({
  requestId: z.uuid(),
  decision: z.enum(['grant', 'refuse']),
  reason: Reason,
});
export type DecideInput = z.output<typeof DecideInput>;

export const Grant = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  resourceId: z.string(),
  consumerApp: z.string(),
  consumerAgency: z.string(),
  procedures: z.array(z.string()),
  purpose: z.string(),
  expiresAt: Timestamp,
  grantedBy: z.string(),
  grantedAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  revokedBy: z.string().nullable(),
  revokedReason: z.string().nullable(),
});
export type Grant = z.infer<typeof Grant>;

export const DecideOutput = z.object({ request: AccessRequest, grant: Grant.nullable() });

export const RevokeInput = z.strictObject({ grantId: z.uuid(), reason: Reason });

export const ListRequestsInput = z
  .strictObject({
    status: z.enum(['pending', 'granted', 'refused']).optional(),
    resourceId: ResourceId.optional(),
  })
  .default({});

export const ListGrantsInput = z
  .strictObject({
    resourceId: ResourceId.optional(),
    /** Only grants not revoked and not expired. */
    active: z.boolean().optional(),
  })
  .default({});

export const GrantTokenInput = z.strictObject({ grantId: z.uuid() });

export const GrantTokenOutput = z.object({
  /** Send it as the `x-egov-grant` header with each call to the owner app. */
  token: z.string(),
  header: z.literal('x-egov-grant'),
  /** The owner app: the token's audience. */
  audience: z.string(),
  resourceId: z.string(),
  expiresAt: Timestamp,
});
