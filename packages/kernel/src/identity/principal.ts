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
  /** Object-level scopes: per kind of owned object, the ids this official may act on; `'*'` for all. */
  scopes?: Record<string, string[]>;
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

/** The wildcard of a scope: every object of its kind (a department-wide duty). */
export const ALL_OBJECTS = '*';

/**
 * Whether `principal` may act on object `id` of `kind`. Deny by default: an
 * official needs the id (or `*`) in the token's scopes. A service acting for
 * an official is held to the official's scopes; a service on its own is
 * authorised by its permission and grants alone (it has no owned objects).
 *
 * @example
 * scopeAllows(official, 'budget-unit', '201001') // true when scopes['budget-unit'] holds '201001' or '*'
 */
export function scopeAllows(principal: Principal | null, kind: string, id: string): boolean {
  if (!principal) return false;
  const official = principal.kind === 'official' ? principal : principal.onBehalfOf;
  if (!official) return principal.kind === 'service';
  const ids = official.scopes?.[kind] ?? [];
  return ids.includes(ALL_OBJECTS) || ids.includes(id);
}
