/**
 * Where treasury revenue comes from: the budget revenue classes this treasury
 * books separately, each with its own revenue account. Customs collects duty,
 * import VAT and import consumption tax at the border; the tax bureau
 * collects domestic VAT (and domestic consumption tax, booked with the
 * consumption tax); other agencies collect fees and fines (非税收入).
 */
export const revenueSources = {
  'customs-duty': '关税 customs duty',
  'import-vat': '进口货物增值税 import VAT',
  'consumption-tax': '消费税 consumption tax',
  'domestic-vat': '国内增值税 domestic VAT',
  'non-tax': '非税收入 non-tax revenue',
} as const;

export type RevenueSource = keyof typeof revenueSources;

export const revenueSourceCodes = Object.keys(revenueSources) as [RevenueSource, ...RevenueSource[]];
