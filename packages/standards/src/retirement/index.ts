export {
  minimumContributionMonths,
  type PensionEligibility,
  pensionEligibility,
  type RetirementAge,
  type RetirementCategory,
  statutoryRetirement,
  type YearMonth,
} from './retirement.ts';
