import { DomainError } from '@egov/kernel/errors';

/**
 * Resource identifiers: `<system>-<domain>-<serial>`, upper-case ASCII.
 *
 * - system: 2 to 4 letters naming the owning system (`GS` Golden Shield,
 *   `GF` Golden Finance, `GT` Golden Tax, `GC` Golden Customs);
 * - domain: 2 to 8 letters naming the subject (`POP` population, `RES`
 *   residents, `TRE` treasury, `INV` invoices);
 * - serial: 4 digits, numbered by the owner.
 *
 * This plays the part of GB/T 21063.4's 资源标识符 (前段码 classification +
 * 后段码 sequence) in a form readable in logs and audit records. The
 * database checks the same pattern (`information_resource.id`).
 */
export const RESOURCE_ID = /^[A-Z]{2,4}-[A-Z]{2,8}-[0-9]{4}$/;

/** A tRPC procedure path of the owner app, e.g. `identity.verify`, `treasury.getReceipt`. */
export const PROCEDURE_PATH = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

/** Longest an access request (and so a grant) may run: one year, counted as 365 days. */
export const MAX_GRANT_MS = 365 * 24 * 3600 * 1000;

/** Longest a grant token lives; the consumer asks for a new one when it runs out. */
export const GRANT_TOKEN_MS = 3600 * 1000;

/**
 * Checks the requested end of an access request at `now`: in the future, at most a year ahead.
 *
 * @example
 * assertUntil(new Date('2031-01-01'), new Date('2030-06-01')); // fine
 * assertUntil(new Date('2032-01-01'), new Date('2030-06-01')); // INVALID, rule too_long
 */
export function assertUntil(until: Date, now: Date): void {
  if (until.getTime() <= now.getTime()) {
    throw new DomainError('INVALID', 'until must be in the future', { field: 'until', rule: 'past' });
  }
  if (until.getTime() - now.getTime() > MAX_GRANT_MS) {
    throw new DomainError('INVALID', 'until may be at most one year (365 days) ahead', {
      field: 'until',
      rule: 'too_long',
    });
  }
}

/**
 * Refuses procedures the resource is not served by, naming the first.
 *
 * @example
 * assertServedBy(['identity.verify'], ['identity.verify']); // fine
 * assertServedBy(['residents.get'], ['identity.verify']); // INVALID at procedures.0, rule not_served
 */
export function assertServedBy(
  asked: readonly string[],
  served: readonly string[],
  resourceId = 'the resource',
  code: 'INVALID' | 'CONFLICT' = 'INVALID',
): void {
  const index = asked.findIndex((p) => !served.includes(p));
  if (index < 0) return;
  throw new DomainError(
    code,
    `${asked[index]} does not serve ${resourceId}; it is served by ${served.join(', ')}`,
    { field: `procedures.${index}`, rule: 'not_served' },
  );
}

/**
 * When a grant token for a grant expiring at `grantExpiresAt` expires: an
 * hour from now at most, never after the grant, in whole seconds (a JWT's
 * `exp` has no finer precision, and rounding down keeps it inside the grant).
 *
 * @example
 * grantTokenExpiry(new Date('2031-01-01'), new Date('2030-06-01T10:00:00.250Z')); // 2030-06-01T11:00:00.000Z
 */
export function grantTokenExpiry(grantExpiresAt: Date, now: Date): Date {
  const ms = Math.min(grantExpiresAt.getTime(), now.getTime() + GRANT_TOKEN_MS);
  return new Date(Math.floor(ms / 1000) * 1000);
}

/**
 * The division codes that cover `code`: its province, prefecture and itself
 * (GB/T 2260 nests them by digits), so a resource scoped to a province is
 * found when searching for one of its counties.
 *
 * @example
 * coveringDivisions('110101'); // ['110000', '110100', '110101']
 */
export function coveringDivisions(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}

/**
 * The words of a free-text query, each as an ILIKE pattern matching it
 * anywhere (so Chinese text needs no word segmentation), with `%`, `_` and
 * `\` taken literally. At most eight words count.
 *
 * @example
 * searchPatterns('人口  identity'); // ['%人口%', '%identity%']
 * searchPatterns('100%'); // ['%100\\%%']
 */
export function searchPatterns(query: string | undefined): string[] {
  if (!query) return [];
  return query
    .trim()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 8)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
