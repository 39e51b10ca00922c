import { describe, expect, it } from 'vitest';
import { commonPasswords, isCommonPassword } from './blocklist.ts';
import { checkPassword, passwordExpired, passwordProfiles } from './policy.ts';

const { mlps, asvs } = passwordProfiles;
const single = { username: 'li.wei', multiFactor: false };
const rules = (password: string, profile = asvs, context = single) =>
  checkPassword(password, context, profile).map((b) => b.rule);

describe('password profiles', () => {
  it('ships a real list of at least a thousand common passwords, led by the usual suspects', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(1000);
    for (const p of [
      '123456',
      'password',
      'qwerty',
      '111111',
      'iloveyou',
      '5201314',
      'woaini1314',
      'qq123456',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('Summer2031!')).toBe(true);
    expect(isCommonPassword('correct horse battery staple')).toBe(false);
  });

  it('asvs: length, not composition; 15 characters without a second factor, 8 with one; up to 128', () => {
    expect(rules('all lower case but long enough')).toEqual([]);
    expect(rules('Sh0rt&Mixed')).toEqual(['too_short']);
    expect(rules('Sh0rt&Mixed', asvs, { ...single, multiFactor: true })).toEqual([]);
    expect(rules('一二三四五六七八九十一二三四五')).toEqual([]); // any script counts, by code point
    expect(rules('x'.repeat(128))).toEqual([]);
    expect(rules('x'.repeat(129))).toEqual(['too_long']);
  });

  it('mlps: at least 8 characters from 3 of 4 classes', () => {
    expect(rules('Kestrel7', mlps)).toEqual([]);
    expect(rules('kestrel7', mlps)).toEqual(['character_classes']);
    expect(rules('Ab1!', mlps)).toEqual(['too_short']);
    expect(rules('all lower case but long enough', mlps)).toEqual(['character_classes']);
  });

  it('both refuse common and breached passwords, decorated or not, and the username itself', () => {
    for (const profile of [mlps, asvs]) {
      expect(rules('Password123!', profile, { ...single, multiFactor: true })).toContain('common');
      expect(rules('Li.Wei', profile, { ...single, multiFactor: true })).toContain('username');
    }
  });

  it('mlps forces a change after 90 days; asvs never does', () => {
    const set = new Date('2026-01-01T00:00:00Z');
    const day = 86_400_000;
    expect(passwordExpired(set, new Date(set.getTime() + 90 * day), mlps)).toBe(false);
    expect(passwordExpired(set, new Date(set.getTime() + 91 * day), mlps)).toBe(true);
    expect(passwordExpired(set, new Date(set.getTime() + 3650 * day), asvs)).toBe(false);
  });
});
