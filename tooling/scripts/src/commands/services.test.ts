import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@egov/kernel/db';
import { callProcedure } from '@egov/kernel/network';
import { freshDatabaseUrl } from '@egov/testing';
import * as OTPAuth from 'otpauth';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPublicKey } from './services.ts';

/*
 * An agency deploys its own app against a running platform, as the README's
 * "Running one app alone" says, each step the command a person types, in a
 * child process: the platform alone (`pnpm --filter @egov/platform start`),
 * golden-shield alone beside it (refused with one line naming the command),
 * the system administrator's `pnpm egov services enrol` (login, first TOTP
 * enrolment, over HTTP), golden-shield again (registers and answers), then
 * `services list` and `services revoke`.
 */
const root = findRepoRoot();
const dataDir = mkdtempSync(join(tmpdir(), 'egov-enrol-'));
const database = await freshDatabaseUrl();
const platformPort = 23_000 + Math.floor(Math.random() * 10_000);
const shieldPort = platformPort + 1;
const platformUrl = `http://127.0.0.1:${platformPort}`;
const { NATS_URL: _nats, ...parentEnv } = process.env;
const env = {
  ...parentEnv,
  PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
  DATABASE_URL: database.url,
  EGOV_DATA_DIR: dataDir,
  EGOV_PLATFORM_URL: platformUrl,
};

interface Run {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => out + err, stderr: () => err, exited };
}

async function waitFor(what: RegExp, r: Run, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!what.test(r.output())) {
    if (r.child.exitCode !== null)
      throw new Error(`exited with ${r.child.exitCode} before ${what}:\n${r.output()}`);
    if (Date.now() > until) throw new Error(`no ${what} within ${ms} ms:\n${r.output()}`);
    await new Promise((t) => setTimeout(t, 100));
  }
}

const stop = async (r: Run | undefined) => {
  if (!r || r.child.exitCode !== null || r.child.signalCode !== null) return;
  process.kill(-r.child.pid!, 'SIGTERM');
  await r.exited;
};

// The administrator's authenticator: each code once, in increasing steps, as the platform demands.
let totp: OTPAuth.TOTP | undefined;
let lastStep = -1;
async function nextCode(): Promise<string> {
  const step = lastStep + 1;
  // The platform accepts one step either side of its clock: wait until `step` is at most one ahead.
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    if (step <= current + 1) break;
    await new Promise((t) => setTimeout(t, 500));
  }
  lastStep = Math.max(step, Math.floor(Date.now() / 30_000) - 1);
  return totp!.generate({ timestamp: lastStep * 30_000 + 1 });
}

const egov = (args: string[], extraEnv: Record<string, string> = {}) =>
  run('pnpm', ['egov', ...args], { EGOV_ADMIN_USER: 'sysadmin', ...extraEnv });

describe('an agency app deployed against a running platform: enrol, list, revoke', () => {
  let platform: Run;
  let shield: Run | undefined;
  let keyFile = '';

  beforeAll(async () => {
    platform = run('pnpm', ['--filter', '@egov/platform', 'start'], { PORT: String(platformPort) });
    await waitFor(/platform ready/, platform, 90_000);
  }, 120_000);

  afterAll(async () => {
    await stop(shield);
    await stop(platform);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a lone app whose key is not enrolled exits with one line naming the command, no stack trace', async () => {
    const lone = run('pnpm', ['--filter', '@egov/golden-shield', 'start'], { PORT: String(shieldPort) });
    expect(await lone.exited).not.toBe(0);
    // pnpm adds its own "command failed" lines; the app's is the one that starts with its name.
    const ours = lone
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('golden-shield:'));
    expect(ours).toHaveLength(1);
    expect(lone.output()).not.toMatch(/\n\s+at /);
    const match =
      /^golden-shield: the platform at http:\/\/127\.0\.0\.1:\d+ refused its service key \(no service named golden-shield is enrolled\); a system administrator enrols it with: pnpm egov services enrol golden-shield --key (\S+\.pub\.jwk)$/.exec(
        ours[0]!,
      );
    expect(match, ours[0]).not.toBeNull();
    keyFile = match![1]!;
    expect(keyFile).toBe(join(dataDir, 'keys', 'golden-shield.pub.jwk'));
    // Only the public half was written; the private key stays in golden-shield.jwk.
    expect(Object.keys(JSON.parse(readFileSync(keyFile, 'utf8'))).sort()).toEqual([
      'alg',
      'crv',
      'kty',
      'use',
      'x',
    ]);
  }, 60_000);

  it('refuses a private key file before anything is sent', () => {
    const privateFile = join(dataDir, 'keys', 'golden-shield.jwk');
    expect(() => readPublicKey(privateFile)).toThrow(/is a private key; give the public half/);
  });

  it('the system administrator enrols it: password and a first TOTP enrolment asked, the act audited', async () => {
    const enrol = egov(['services', 'enrol', 'golden-shield', '--key', keyFile]);
    await waitFor(/password of sysadmin: /, enrol);
    enrol.child.stdin!.write('sysadmin-demo-password\n');
    await waitFor(/otpauth:\/\/totp\/\S+/, enrol);
    totp = OTPAuth.URI.parse(/otpauth:\/\/totp\/\S+/.exec(enrol.output())![0]) as OTPAuth.TOTP;
    enrol.child.stdin!.write(`${await nextCode()}\n`);
    expect(await enrol.exited, enrol.output()).toBe(0);
    expect(enrol.output()).toMatch(
      /golden-shield enrolled at http:\/\/127\.0\.0\.1:\d+: zone internal, key x=/,
    );

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select actor, kind, outcome, object_ids from platform.audit_record where procedure = 'services.enrol'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'admin', outcome: 'ok', object_ids: ['service:golden-shield'] });
      expect(rows[0].actor).toMatch(/^official:/);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('the app then starts, registers itself and answers an official', async () => {
    // As in a container: listening on every address, registered under the name callers reach it by.
    shield = run('pnpm', ['--filter', '@egov/golden-shield', 'start'], {
      PORT: String(shieldPort),
      HOST: '0.0.0.0',
      EGOV_ADVERTISE_URL: `http://localhost:${shieldPort}`,
      EGOV_SEED: 'true',
    });
    await waitFor(/golden-shield ready/, shield);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select base_url from platform.registration where name = 'golden-shield'`,
      );
      expect(rows).toEqual([{ base_url: `http://localhost:${shieldPort}` }]);
    } finally {
      await client.end();
    }
    const { accessToken } = await callProcedure<{ accessToken: string }>(platformUrl, 'auth.login', {
      type: 'mutation',
      input: { username: 'clerk', password: 'clerk-demo-password' },
    });
    const resident = await callProcedure<{ residentId: string; name: string }>(
      `http://127.0.0.1:${shieldPort}`,
      'residents.get',
      {
        type: 'query',
        input: { residentId: '110101198503120017' },
        headers: { authorization: `Bearer ${accessToken}` },
      },
    );
    expect(resident).toMatchObject({ residentId: '110***********0017', name: '张伟' });
  }, 90_000);

  it('lists the service identities, then revokes golden-shield: a restart is refused with the same command named', async () => {
    const list = egov(['services', 'list'], { EGOV_ADMIN_PASSWORD: 'sysadmin-demo-password' });
    await waitFor(/code from the authenticator app: /, list);
    list.child.stdin!.write(`${await nextCode()}\n`);
    expect(await list.exited, list.output()).toBe(0);
    expect(list.output()).toMatch(
      /^golden-shield\s+internal\s+\S+…\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+-\s+platform\./m,
    );

    const revoke = egov(['services', 'revoke', 'golden-shield'], {
      EGOV_ADMIN_PASSWORD: 'sysadmin-demo-password',
      EGOV_ADMIN_TOTP: await nextCode(),
    });
    expect(await revoke.exited, revoke.output()).toBe(0);
    expect(revoke.output()).toMatch(/golden-shield revoked at \d{4}-/);

    await stop(shield);
    const again = run('pnpm', ['--filter', '@egov/golden-shield', 'start'], { PORT: String(shieldPort) });
    expect(await again.exited).not.toBe(0);
    expect(again.stderr()).toMatch(
      /^golden-shield: the platform at \S+ refused its service key \(the service golden-shield was revoked at \S+\); a system administrator enrols it with: pnpm egov services enrol golden-shield --key \S+$/m,
    );
    expect(again.output()).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('an unknown app needs its zone, and a bad command prints the usage, before any password is asked', async () => {
    writeFileSync(join(dataDir, 'water.pub.jwk'), readFileSync(keyFile));
    const unknown = egov(['services', 'enrol', 'golden-water', '--key', join(dataDir, 'water.pub.jwk')]);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr()).toMatch(/golden-water is not an app of this repository: give its --zone/);
    const bad = egov(['services', 'enrol']);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toMatch(/usage: pnpm egov services enrol <app> --key <public key file>/);
  }, 60_000);
});
