import { validateMobilePhone } from '@egov/standards';
import { z } from 'zod';
import { KebabName, PermissionGrants, Timestamp, Zone } from '../schemas.ts';

export const Username = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z][a-z0-9._-]*$/, 'must start with a letter and use a-z, 0-9, ".", "_" or "-"');

/**
 * Only bounds the work argon2 does; the deployment's password profile
 * (`passwords/policy.ts`) decides what is acceptable and names the rule.
 */
export const Password = z.string().min(1).max(256);

/** A mainland mobile number in any common notation, stored as its 11 digits. */
export const Phone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const checked = validateMobilePhone(value);
    if (checked.ok) return checked.value as string;
    ctx.addIssue({ code: 'custom', message: checked.message, params: { rule: checked.part } });
    return z.NEVER;
  });

export const Agency = z.object({ code: KebabName, name: z.string(), zone: Zone });
export type Agency = z.infer<typeof Agency>;

export const CreateAgencyInput = z.strictObject({
  code: KebabName.max(32),
  name: z.string().trim().min(1).max(200),
  zone: Zone,
});

export const Role = z.object({
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  /** `system`, `security` or `audit` for the three administrator roles, else `none`. */
  adminKind: z.enum(['none', 'system', 'security', 'audit']),
});
export type Role = z.infer<typeof Role>;

export const DefineRoleInput = z.strictObject({
  name: KebabName,
  description: z.string().trim().min(1).max(500),
  permissions: PermissionGrants,
});
export type DefineRoleInput = z.infer<typeof DefineRoleInput>;

/** An official as other code sees one: never with the password hash, the phone number masked. */
export const Official = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  agency: z.string(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  /** Locked by failed logins right now. */
  locked: z.boolean(),
  /** `138****5678`, or null. */
  phone: z.string().nullable(),
  createdAt: Timestamp,
});
export type Official = z.infer<typeof Official>;

/**
 * No roles here: creating accounts is the system administrator's, granting
 * permissions the security administrator's (`officials.assignRole`).
 */
export const CreateOfficialInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  agency: KebabName,
  password: Password,
  phone: Phone.optional(),
});
export type CreateOfficialInput = z.infer<typeof CreateOfficialInput>;

export const ListOfficialsInput = z.strictObject({ agency: KebabName.optional() }).optional();

export const AssignRoleInput = z.strictObject({ username: Username, role: KebabName });

/** One object-level scope of an official: a kind of owned object and its id, or `*` for every one. */
export const ScopeInput = z.strictObject({
  username: Username,
  kind: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'kind must be lower-case words joined by hyphens'),
  objectId: z
    .string()
    .regex(/^([A-Za-z0-9._:-]{1,128}|\*)$/, 'object id must be 1 to 128 letters, digits, . _ : - or *'),
});

export const OfficialScopes = z.strictObject({
  username: z.string(),
  scopes: z.record(z.string(), z.array(z.string())),
});

/** Acts on one official by username (disable, unlock, reset the second factor). */
export const OfficialRef = z.strictObject({ username: Username });
