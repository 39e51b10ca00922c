import { describe, expect, it } from 'vitest';
import * as api from './index.ts';

describe('@egov/standards public API', () => {
  it('re-exports every concern from the root', () => {
    const names = [
      'lookupDivision',
      'isKnownDivision',
      'provinceOf',
      'listDivisions',
      'parseDivisionCode',
      'normalizeDivisionCode',
      'validateResidentId',
      'residentIdCheckChar',
      'issueResidentId',
      'maskResidentId',
      'residentIdSchema',
      'validateCreditCode',
      'creditCodeCheckChar',
      'organisationCodeCheckChar',
      'issueCreditCode',
      'creditCodeSchema',
      'validateBankCard',
      'luhnCheckDigit',
      'maskBankCard',
      'bankCardSchema',
      'fen',
      'parseYuan',
      'tryParseYuan',
      'formatYuan',
      'mulRateHalfUp',
      'divHalfUp',
      'ratio',
      'fenSchema',
      'yuanStringSchema',
      'AMOUNT_BOUNDS_FEN',
      'boundedFenSchema',
      'fenTotal',
      'fenTotalSchema',
      'validateMobilePhone',
      'maskPhone',
      'mobilePhoneSchema',
      'ok',
      'err',
    ];
    for (const name of names) expect(api, name).toHaveProperty(name);
  });
});
