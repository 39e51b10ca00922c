/**
 * Government expenditure economic classification (政府支出经济分类, 部门预算支出
 * 经济分类科目), class level, in force since the 2018 budget. (R): written from
 * memory of public sources, not checked against the Ministry of Finance's
 * text; correct it here, in one place. Appropriations are made per class.
 */
export const ECONOMIC_CLASSES_AS_OF = '2018-01-01';

export const economicClasses = {
  '301': '工资福利支出 wages and benefits',
  '302': '商品和服务支出 goods and services',
  '303': '对个人和家庭的补助 transfers to individuals and households',
  '307': '债务利息及费用支出 interest and debt costs',
  '310': '资本性支出 capital expenditure',
  '312': '对企业补助 subsidies to enterprises',
  '399': '其他支出 other expenditure',
} as const;

export type EconomicClass = keyof typeof economicClasses;

/**
 * Whether `code` is a class of the list above.
 *
 * @example
 * isEconomicClass('302') // true
 * isEconomicClass('305') // false
 */
export function isEconomicClass(code: string): code is EconomicClass {
  return Object.hasOwn(economicClasses, code);
}
