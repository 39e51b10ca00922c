/**
 * Who is calling. Officials act for an agency; services are apps calling
 * each other with their own identity. (Citizens and legal entities arrive
 * with the portal.)
 */
export type Zone = 'internal' | 'external' | 'public';

export interface OfficialPrincipal {
  kind: 'official';
  /** Stable subject id, `official:<uuid>`. */
  id: string;
  username: string;
  agency: string;
  roles: string[];
  permissions: string[];
  sessionId?: string;
  /** Authentication methods (RFC 8176), e.g. ['pwd', 'otp']. */
  amr?: string[];
}

export interface ServicePrincipal {
  kind: 'service';
  /** `service:<app-name>` */
  id: string;
  app: string;
  zone: Zone;
  permissions: string[];
  /** Delegation: the official on whose behalf the service calls; the callee authorises on both. */
  onBehalfOf?: OfficialPrincipal;
  /** The catalog grant this call was made under, when the procedure serves a conditional resource. */
  grant?: { id: string; resource: string; purpose: string };
}

export type Principal = OfficialPrincipal | ServicePrincipal;

/** Permission names are `<system>.<resource>.<action>`, lower-case words joined by hyphens. */
export const permissionPattern = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

export function assertPermissionName(name: string): void {
  if (!permissionPattern.test(name)) {
    throw new Error(`permission "${name}" must be <system>.<resource>.<action>`);
  }
}

/**
 * Whether `granted` covers `required`. A grant may end in `*` for a whole
 * system or resource (`golden-shield.*`, `golden-shield.resident.*`).
 */
export function permits(granted: readonly string[], required: string): boolean {
  for (const g of granted) {
    if (g === required) return true;
    if (g.endsWith('.*') && required.startsWith(g.slice(0, -1))) return true;
  }
  return false;
}

export function hasPermission(principal: Principal | null, required: string): boolean {
  return principal !== null && permits(principal.permissions, required);
}
