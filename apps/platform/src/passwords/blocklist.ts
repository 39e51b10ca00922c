import { readFileSync } from 'node:fs';

let common: ReadonlySet<string> | undefined;

/**
 * The shipped list (`common-passwords.txt`), lower-cased, read once.
 *
 * @example
 * commonPasswords().has('123456'); // true
 */
export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.toLowerCase()),
  );
  return common;
}

/**
 * Whether `password` is on the list of common and breached passwords,
 * ignoring case, and also with a trailing run of digits and symbols removed:
 * `Password2024!` is `password` with the decoration people add when a
 * composition rule asks for it.
 *
 * @example
 * isCommonPassword('Qwerty123');  // true
 * isCommonPassword('Summer2031!'); // true ("summer")
 * isCommonPassword('correct horse battery staple'); // false
 */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  const lower = password.toLowerCase();
  if (list.has(lower)) return true;
  const stem = lower.replace(/[^\p{L}]+$/u, '');
  return stem.length >= 4 && stem !== lower && list.has(stem);
}
