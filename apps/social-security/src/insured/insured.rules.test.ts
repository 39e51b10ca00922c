import { describe, expect, it } from 'vitest';
import { checkCategory } from './insured.rules.ts';

describe('retirement category', () => {
  it('fits men to male and women to either female category, nothing else', () => {
    expect(checkCategory('male', 'male').ok).toBe(true);
    expect(checkCategory('female', 'female-cadre').ok).toBe(true);
    expect(checkCategory('female', 'female-worker').ok).toBe(true);
    expect(checkCategory('male', 'female-worker')).toMatchObject({ ok: false, part: 'category_sex' });
    expect(checkCategory('female', 'male')).toMatchObject({ ok: false, part: 'category_sex' });
  });
});
