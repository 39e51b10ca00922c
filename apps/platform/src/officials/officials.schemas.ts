import { z } from 'zod';
import { KebabName, PermissionGrants, Timestamp, Zone } from '../schemas.ts';

export const Username = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z][a-z0-9._-]*$/, 'must start with a letter and use a-z, 0-9, ".", "_" or "-"');

/** Long rather than complex (NIST SP 800-63B); the upper bound keeps argon2 from hashing megabytes. */
export const Password = z.string().min(12, 'must be at least 12 characters').max(256);

export const Agency = z.object({ code: KebabName, name: z.string(), zone: Zone });
export type Agency = z.infer<typeof Agency>;

export const CreateAgencyInput = z.strictObject({
  code: KebabName.max(32),
  name: z.string().trim().min(1).max(200),
  zone: Zone,
});

export const Role = z.object({ name: z.string(), description: z.string(), permissions: z.array(z.string()) });
export type Role = z.infer<typeof Role>;

export const DefineRoleInput = z.strictObject({
  name: KebabName,
  description: z.string().trim().min(1).max(500),
  permissions: PermissionGrants,
});

/** An official as other code sees one: never with the password hash. */
export const Official = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  agency: z.string(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: Timestamp,
});
export type Official = z.infer<typeof Official>;

export const CreateOfficialInput = z.strictObject({
  username: Username,
  displayName: z.string().trim().min(1).max(100),
  agency: KebabName,
  password: Password,
  roles: z.array(KebabName).max(20).default([]),
});
export type CreateOfficialInput = z.infer<typeof CreateOfficialInput>;

export const ListOfficialsInput = z.strictObject({ agency: KebabName.optional() }).optional();

export const AssignRoleInput = z.strictObject({ username: Username, role: KebabName });
