import { z } from 'zod';

/**
 * Input rules shared by several domains of the platform. Each carries a
 * readable message, because the kernel puts it verbatim in the 400 answer.
 */

/** Names of apps, agencies and roles: kebab-case, as the kernel requires of app names. */
export const KebabName = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. golden-shield');

/** An app's name is also its service identity, its registry entry and its token audience. */
export const AppName = KebabName;

export const Zone = z.enum(['internal', 'external', 'public']);

/**
 * A permission a role or service may be granted: `<system>.<resource>.<action>`,
 * or a grant ending in `*` for a whole system or resource (`golden-shield.*`,
 * `golden-shield.resident.*`), which is what the kernel's `permits` understands.
 */
export const PermissionGrant = z
  .string()
  .max(128)
  .regex(
    /^[a-z][a-z0-9-]*\.(\*|[a-z][a-z0-9-]*\.(\*|[a-z][a-z0-9-]*))$/,
    'must be <system>.<resource>.<action>, or end in .* for a whole system or resource',
  );

/** Grants of one role or service, without duplicates, in a stable order. */
export const PermissionGrants = z
  .array(PermissionGrant)
  .max(200)
  .transform((grants) => [...new Set(grants)].sort());

/** Procedures that take no arguments still refuse unknown ones. */
export const NoInput = z.strictObject({}).optional();

/** Timestamps leave the platform as ISO strings: tRPC sends JSON, and a Date would arrive as a string anyway. */
export const Timestamp = z.iso.datetime();
