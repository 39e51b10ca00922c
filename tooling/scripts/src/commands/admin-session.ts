import { createInterface, type Interface } from 'node:readline';
import { callProcedure } from '@egov/kernel/network';

/**
 * An administrator's login from the command line, against a running platform
 * over HTTP: username, password and the TOTP second factor every
 * administrator must pass (enrolled here on a first login). Asked on the
 * terminal (the password hidden), read line by line from a pipe, or taken from
 * `EGOV_ADMIN_USER`, `EGOV_ADMIN_PASSWORD` and `EGOV_ADMIN_TOTP` for scripts.
 */
export interface AdminLogin {
  platformUrl: string;
  user?: string;
  env?: NodeJS.ProcessEnv;
  /** Where questions and the first-login instructions go (stderr, so stdout stays the command's answer). */
  say?: (text: string) => void;
}

interface SessionTokens {
  accessToken: string;
  pending: 'mfa-verify' | 'mfa-enrol' | 'password-change' | null;
}

let lines: AsyncIterator<string> | undefined;
let reader: Interface | undefined;

/** One line from stdin; on a terminal with `hidden`, typed without echo. */
async function ask(question: string, say: (text: string) => void, hidden = false): Promise<string> {
  if (hidden && process.stdin.isTTY) return askHidden(question, say);
  say(question);
  if (!reader) {
    reader = createInterface({ input: process.stdin, terminal: false });
    lines = reader[Symbol.asyncIterator]();
  }
  const next = await lines!.next();
  if (next.done) throw new Error(`no answer to "${question.trim()}" (stdin ended)`);
  return next.value.trim();
}

function askHidden(question: string, say: (text: string) => void): Promise<string> {
  say(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          done();
          say('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          done();
          reject(new Error('interrupted'));
          return;
        }
        if (char === '\u007f') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on('data', onData);
  });
}

/** Closes the stdin reader, so the process can exit. */
export function closePrompts(): void {
  reader?.close();
  reader = undefined;
  lines = undefined;
}

/**
 * Logs in and passes the second factor; returns an access token of the
 * administrator's full session (15 minutes). Every step is the platform's own
 * procedure (`auth.login`, `mfa.enrol`/`mfa.confirm` or `mfa.verify`), so
 * each is audited under the administrator's name.
 */
export async function adminLogin(options: AdminLogin): Promise<string> {
  const env = options.env ?? process.env;
  const say = options.say ?? ((text: string) => process.stderr.write(text));
  const username = options.user ?? env.EGOV_ADMIN_USER ?? (await ask('administrator username: ', say));
  const password = env.EGOV_ADMIN_PASSWORD ?? (await ask(`password of ${username}: `, say, true));
  const post = <T>(path: string, input: unknown, token?: string) =>
    callProcedure<T>(options.platformUrl, path, {
      type: 'mutation',
      input,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
  const session = await post<SessionTokens>('auth.login', { username, password });
  const code = async () => env.EGOV_ADMIN_TOTP ?? (await ask('code from the authenticator app: ', say));
  switch (session.pending) {
    case null:
      return session.accessToken;
    case 'mfa-verify':
      return (await post<SessionTokens>('mfa.verify', { code: await code() }, session.accessToken))
        .accessToken;
    case 'mfa-enrol': {
      const { otpauthUri } = await post<{ otpauthUri: string }>('mfa.enrol', {}, session.accessToken);
      say(
        `${username} has no second factor yet: add this key to an authenticator app (as a QR code or typed in), then give its code\n${otpauthUri}\n`,
      );
      return (await post<SessionTokens>('mfa.confirm', { code: await code() }, session.accessToken))
        .accessToken;
    }
    case 'password-change':
      throw new Error(
        `${username} must change the password first (auth.changePassword), then run this again`,
      );
  }
}
