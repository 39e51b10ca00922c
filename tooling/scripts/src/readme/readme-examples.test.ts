import { freeBasePort } from '@egov/testing';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot, processAlive } from '@egov/kernel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * The README's examples, run as written against `egov start` as a newcomer
 * runs it: a child process on the embedded PostgreSQL (no DATABASE_URL), a
 * fresh data dir. The shell blocks that follow a line `<!-- example: NAME -->`
 * are taken from README.md itself, so the README cannot drift from the code;
 * only the ports move (the test's own base port instead of 4100).
 */
const execFileAsync = promisify(execFile);
const root = findRepoRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const basePort = await freeBasePort();

function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\s*\`\`\`sh\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no example "${name}"`);
  return match[1]!.replace(
    /localhost:41(\d\d)/g,
    (_, offset: string) => `localhost:${basePort + Number(offset)}`,
  );
}

async function runExample(name: string): Promise<string> {
  const { stdout } = await execFileAsync('bash', ['-euo', 'pipefail', '-c', example(name)], {
    cwd: root,
    timeout: 60_000,
  });
  return stdout;
}

const { DATABASE_URL: _url, NATS_URL: _nats, ...newcomerEnv } = process.env;

/** `egov start` as a newcomer runs it, in a child process; resolves once it prints that the apps are ready. */
async function startEgov(dataDir: string): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(root, 'tooling/scripts/src/cli.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...newcomerEnv,
        EGOV_DATA_DIR: dataDir,
        EGOV_BASE_PORT: String(basePort),
        EGOV_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  await new Promise<void>((ready, fail) => {
    const timer = setInterval(() => {
      if (/egov: \d+ apps ready/.test(output)) {
        clearInterval(timer);
        ready();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`egov start exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

describe('the README examples, against `egov start` on the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'egov-readme-'));
  let child: ChildProcess;
  let output: () => string;

  beforeAll(async () => {
    ({ child, output } = await startEgov(dataDir));
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in as the clerk and reads a demo resident, masked', async () => {
    const answer = JSON.parse(await runExample('login-and-lookup')) as {
      result: { data: { residentId: string; name: string; revealed: boolean } };
    };
    expect(answer.result.data).toMatchObject({
      residentId: '110***********0017',
      name: '张伟',
      revealed: false,
    });
  });

  it('stops on Ctrl-C: the apps drain, then the database server stops', async () => {
    const pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/egov: stopped/);
    expect(processAlive(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'egov-start.pid'))).toBe(false);
  });

  it('says what to do and stops when PostgreSQL dies under it; the next start recovers', async () => {
    const again = await startEgov(dataDir);
    const pid = Number(readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const exited = new Promise<number | null>((done) => again.child.once('close', (code) => done(code)));
    process.kill(-pid, 'SIGKILL');
    expect(await exited).toBe(1);
    expect(again.output()).toMatch(/the embedded PostgreSQL \(pid \d+\) exited unexpectedly/);
    expect(again.output()).toMatch(/start again \(`pnpm egov start`\)/);
    const third = await startEgov(dataDir);
    expect(JSON.parse(await runExample('login-and-lookup')).result.data.name).toBe('张伟');
    const stopped = new Promise((done) => third.child.once('exit', done));
    third.child.kill('SIGINT');
    await stopped;
  });
});
