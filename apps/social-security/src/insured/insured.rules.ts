import { err, ok, type RetirementCategory, type Result } from '@egov/standards';

/**
 * A retirement category fits the person's sex (from the resident ID): men
 * are `male`; women are `female-cadre` (original age 55) or `female-worker`
 * (original age 50), which the insured person's record of posts decides.
 *
 * @example
 * checkCategory('female', 'male') // { ok: false, part: 'category_sex', ... }
 */
export function checkCategory(
  sex: 'male' | 'female',
  category: RetirementCategory,
): Result<RetirementCategory, 'category_sex'> {
  const fits = sex === 'male' ? category === 'male' : category !== 'male';
  return fits
    ? ok(category)
    : err('category_sex', `retirement category ${category} is not one of a ${sex} person`);
}
