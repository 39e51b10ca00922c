import { describe, expect, it } from 'vitest';
import { compareIdentity, normaliseName } from './verification.rules.ts';

describe('identity comparison', () => {
  it('forgives only spelling noise: width, outer spaces, interpunct variants', () => {
    expect(normaliseName(' 买买提•艾力 ')).toBe('买买提·艾力');
    expect(normaliseName('买买提・艾力')).toBe('买买提·艾力');
    expect(normaliseName('ＬＩ　Ｌｅｉ')).toBe('LI Lei');
  });

  it('answers match, mismatch or not_on_file', () => {
    expect(compareIdentity('张伟', '张伟')).toBe('match');
    expect(compareIdentity('买买提·艾力', '买买提.艾力')).toBe('mismatch');
    expect(compareIdentity('张伟', '张玮')).toBe('mismatch');
    expect(compareIdentity(undefined, '张伟')).toBe('not_on_file');
  });
});
