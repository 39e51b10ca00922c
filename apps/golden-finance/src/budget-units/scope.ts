/**
 * The kind of owned object golden-finance scopes officials to: a budget unit
 * (预算单位), by its code. The platform issues `{ 'budget-unit': [codes] }`
 * from the official's assignments (`'*'` for the finance department's
 * department-wide duties); every procedure on a unit's appropriations and
 * payments calls `ctx.scope.require(BUDGET_UNIT, code)`.
 */
export const BUDGET_UNIT = 'budget-unit';
