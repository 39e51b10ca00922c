import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { takeLock } from './start.ts';

describe('one egov start per data dir', () => {
  const root = mkdtempSync(join(tmpdir(), 'egov-lock-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('refuses a second start while the first runs, naming its pid and what to do', async () => {
    const first = spawn('sleep', ['30']);
    try {
      writeFileSync(join(root, 'egov-start.pid'), `${first.pid}\n`);
      expect(() => takeLock(root)).toThrow(
        new RegExp(
          `another egov start \\(pid ${first.pid}\\) is running on .*: stop it first .*EGOV_DATA_DIR`,
        ),
      );
    } finally {
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
    }
  });

  it('takes over the lock of a launcher killed with SIGKILL, and releases it', () => {
    // The pid of the process just killed above is dead now.
    const release = takeLock(root);
    expect(readFileSync(join(root, 'egov-start.pid'), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(join(root, 'egov-start.pid'))).toBe(false);
  });
});
