import { z } from 'zod';
import { AppName, Timestamp, Zone } from '../schemas.ts';

/** An http(s) origin, optionally with a path; no credentials, query or fragment. */
export const BaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2048)
  .refine((value) => {
    // zod runs refinements even after the format check failed; that failure is already reported.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.username && !url.password && !url.search && !url.hash;
  }, 'must not carry credentials, a query or a fragment')
  .transform((value) => value.replace(/\/+$/, ''));

export const RegisterInput = z.strictObject({
  name: AppName,
  zone: Zone,
  baseUrl: BaseUrl,
  version: z.string().trim().min(1).max(64),
});
export type Registration = z.input<typeof RegisterInput>;

export const ResolveInput = z.strictObject({ name: AppName });

export const RegisteredService = z.object({
  name: z.string(),
  zone: Zone,
  baseUrl: z.string(),
  version: z.string(),
  registeredAt: Timestamp,
});
export type RegisteredService = z.infer<typeof RegisteredService>;
