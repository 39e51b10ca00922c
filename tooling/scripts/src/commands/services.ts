import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { callProcedure } from '@egov/kernel/network';
import { platformApp } from '@egov/platform/provisioning';
import { embeddedApps, everyService } from '../embedded/apps.ts';
import { DEFAULT_BASE_PORT } from '../embedded/apps.ts';
import { adminLogin, closePrompts } from './admin-session.ts';

const ZONES = ['internal', 'external', 'public'] as const;
type Zone = (typeof ZONES)[number];

interface ServiceAccount {
  name: string;
  zone: Zone;
  publicJwk: { kty: string; crv: string; x: string };
  permissions: string[];
  enrolledAt: string;
  revokedAt: string | null;
}

const usage = `usage: pnpm egov services enrol <app> --key <public key file> [--zone ZONE] [--permission PERM ...]
       pnpm egov services list
       pnpm egov services revoke <app>
  against the platform at --platform URL (or EGOV_PLATFORM_URL; default http://127.0.0.1:${DEFAULT_BASE_PORT}),
  as a system administrator: --user NAME (or EGOV_ADMIN_USER), the password and the TOTP code asked
  (or EGOV_ADMIN_PASSWORD, EGOV_ADMIN_TOTP)`;

/** What an app of this repository is enrolled with: its manifest's zone and the grants its calls need. */
export function manifestEnrolment(app: string): { zone: Zone; permissions: string[] } | undefined {
  if (app === platformApp.name) return { zone: platformApp.zone, permissions: [...everyService] };
  const entry = embeddedApps.find((a) => a.definition.name === app);
  return entry ? { zone: entry.definition.zone, permissions: [...entry.servicePermissions] } : undefined;
}

/**
 * The public JWK in `file`. A private key is refused here, before it could
 * travel to the platform: the platform stores only the public half (ADR 3).
 */
export function readPublicKey(file: string): Record<string, unknown> {
  let jwk: unknown;
  try {
    jwk = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--key ${file}: ${(error as Error).message}`);
  }
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    throw new Error(`--key ${file}: not a JWK (a JSON object)`);
  if ('d' in jwk)
    throw new Error(
      `--key ${file} is a private key; give the public half (the app writes it as <app>.pub.jwk beside its key)`,
    );
  const { kty, crv, x } = jwk as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519' || typeof x !== 'string')
    throw new Error(`--key ${file}: not an Ed25519 public JWK (kty OKP, crv Ed25519, x)`);
  return { kty, crv, x };
}

function table(accounts: ServiceAccount[]): string {
  const rows = [
    ['name', 'zone', 'key (x)', 'enrolled', 'revoked', 'permissions'],
    ...accounts.map((a) => [
      a.name,
      a.zone,
      `${a.publicJwk.x.slice(0, 12)}…`,
      a.enrolledAt.slice(0, 19).replace('T', ' '),
      a.revokedAt ? a.revokedAt.slice(0, 19).replace('T', ' ') : '-',
      a.permissions.join(' '),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * `egov services enrol|list|revoke`: the system administrator's commands for
 * service identities, over HTTP against a running platform with an
 * administrator's login (password and TOTP); each act is audited at the
 * platform under the administrator's name (see the README, "Running one app alone").
 */
export async function services(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      zone: { type: 'string' },
      permission: { type: 'string', multiple: true },
      platform: { type: 'string' },
      user: { type: 'string' },
    },
  });
  const [sub, app, ...extra] = positionals;
  const platformUrl =
    values.platform ?? env.EGOV_PLATFORM_URL ?? `http://127.0.0.1:${env.EGOV_BASE_PORT ?? DEFAULT_BASE_PORT}`;
  const needsApp = sub === 'enrol' || sub === 'revoke';
  if (
    !['enrol', 'list', 'revoke'].includes(sub ?? '') ||
    (needsApp && !app) ||
    extra.length > 0 ||
    (!needsApp && app)
  )
    throw new Error(usage);

  // Everything that can be checked before asking for a password is checked first.
  let enrolment:
    | { name: string; zone: Zone; publicJwk: Record<string, unknown>; permissions: string[] }
    | undefined;
  if (sub === 'enrol') {
    if (!values.key) throw new Error(`services enrol needs --key <public key file>\n${usage}`);
    const publicJwk = readPublicKey(values.key);
    const manifest = manifestEnrolment(app!);
    const zone = values.zone ?? manifest?.zone;
    if (!zone)
      throw new Error(
        `${app} is not an app of this repository: give its --zone (${ZONES.join(', ')}) and each --permission its service calls need`,
      );
    if (!ZONES.includes(zone as Zone)) throw new Error(`--zone must be one of ${ZONES.join(', ')}`);
    const permissions = [
      ...new Set([...(manifest?.permissions ?? everyService), ...(values.permission ?? [])]),
    ];
    enrolment = { name: app!, zone: zone as Zone, publicJwk, permissions };
  }

  try {
    const token = await adminLogin({ platformUrl, env, ...(values.user ? { user: values.user } : {}) });
    const call = <T>(path: string, type: 'query' | 'mutation', input: unknown) =>
      callProcedure<T>(platformUrl, path, { type, input, headers: { authorization: `Bearer ${token}` } });
    if (enrolment) {
      const account = await call<ServiceAccount>('services.enrol', 'mutation', enrolment);
      console.log(
        `${account.name} enrolled at ${platformUrl}: zone ${account.zone}, key x=${account.publicJwk.x}, permissions ${account.permissions.join(' ')}`,
      );
    } else if (sub === 'revoke') {
      const account = await call<ServiceAccount>('services.revoke', 'mutation', { name: app });
      console.log(
        `${account.name} revoked at ${account.revokedAt}: no new tokens, earlier ones refused within one revocation poll, its registry entry removed`,
      );
    } else {
      console.log(table(await call<ServiceAccount[]>('services.list', 'query', {})));
    }
    return 0;
  } finally {
    closePrompts();
  }
}
