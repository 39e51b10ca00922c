import { z } from 'zod';
import { AppName, PermissionGrants, Timestamp, Zone } from '../schemas.ts';

/**
 * The public half of an app's Ed25519 key. Strict, so a JWK that carries the
 * private `d` is refused (unknown field) instead of being stored.
 */
export const PublicJwk = z.strictObject({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url Ed25519 public key'),
  kid: z.string().max(128).optional(),
  alg: z.literal('EdDSA').optional(),
  use: z.literal('sig').optional(),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

export const EnrolServiceInput = z.strictObject({
  name: AppName,
  zone: Zone,
  publicJwk: PublicJwk,
  permissions: PermissionGrants,
});
export type EnrolServiceInput = z.input<typeof EnrolServiceInput>;

export const ServiceAccount = z.object({
  name: z.string(),
  zone: Zone,
  publicJwk: z.object({ kty: z.string(), crv: z.string(), x: z.string() }).loose(),
  permissions: z.array(z.string()),
  enrolledAt: Timestamp,
  /** When a system administrator revoked it; null while it may obtain tokens. */
  revokedAt: Timestamp.nullable(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount>;

/** An app's public key as published to auditors: the key id its tree heads and archives carry. */
export const PublishedKey = z.object({
  name: z.string(),
  /** `service:<name>`, the key id in the app's signed tree heads and archive digests. */
  keyId: z.string(),
  publicJwk: z.object({ kty: z.string(), crv: z.string(), x: z.string() }).loose(),
  enrolledAt: Timestamp,
});
export type PublishedKey = z.infer<typeof PublishedKey>;

export const RevokeServiceInput = z.strictObject({ name: AppName });
