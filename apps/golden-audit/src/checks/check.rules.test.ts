import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CustomsCertificate, importVatMismatches, type VatDeduction } from './import-vat.rules.ts';
import { ledgerImbalances, normalBalance, type TrialBalance } from './ledger-balance.rules.ts';
import {
  type AppropriationRecord,
  type PaymentRecord,
  paymentsOverAppropriation,
} from './over-appropriation.rules.ts';
import { type DeathRecord, type PensionPayment, pensionPaidAfterDeath } from './pension-after-death.rules.ts';

const shuffled = <T>(list: readonly T[]) =>
  fc.shuffledSubarray([...list], { minLength: list.length, maxLength: list.length });

describe('pension paid after death', () => {
  const death: DeathRecord = { recordId: 'd1', residentId: '110105194903120011', deathDate: '2026-03-10' };
  const pay = (month: string, amountFen = 350_000, residentId = death.residentId): PensionPayment => ({
    paymentId: `p-${residentId.slice(-4)}-${month}`,
    residentId,
    month,
    amountFen,
    paidOn: `${month}-05`,
  });

  it('pays through the month of death and finds every month after it, citing the death and each payment', () => {
    const payments = ['2026-02', '2026-03', '2026-04', '2026-05'].map((m) => pay(m));
    expect(pensionPaidAfterDeath([death], payments)).toEqual([
      {
        rule: 'pension-after-death',
        summary: 'pension paid for 2 month(s) after the death on 2026-03-10 (2026-04 to 2026-05)',
        amountFen: '700000',
        cites: [
          'death:d1',
          `pension-payment:${pay('2026-04').paymentId}`,
          `pension-payment:${pay('2026-05').paymentId}`,
        ],
      },
    ]);
  });

  it('finds nothing for the living, nor for the month of death (the happy path)', () => {
    expect(pensionPaidAfterDeath([death], [pay('2026-03'), pay('2026-04', 1, '110105195001010012')])).toEqual(
      [],
    );
    expect(pensionPaidAfterDeath([], [pay('2026-09')])).toEqual([]);
  });

  it('counts from the earliest of two death records of one person', () => {
    const later = { ...death, recordId: 'd2', deathDate: '2026-05-01' };
    expect(pensionPaidAfterDeath([later, death], [pay('2026-04')])[0]?.cites[0]).toBe('death:d1');
  });

  it('(property) finds exactly the payments for months after the death month, whatever the order, in exact sums', () => {
    const month = fc
      .tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.uniqueArray(month, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 28 }),
        month,
        fc.integer({ min: 1, max: 10_000_000_000_000 }),
        (months, day, deathMonth, amount) => {
          const d = { ...death, deathDate: `${deathMonth}-${String(day).padStart(2, '0')}` };
          const payments = months.map((m) => pay(m, amount));
          const after = payments.filter((p) => p.month > deathMonth);
          const found = pensionPaidAfterDeath([d], fc.sample(shuffled(payments), 1)[0]!);
          if (after.length === 0) return found.length === 0;
          expect(found).toHaveLength(1);
          expect(found[0]!.amountFen).toBe(String(BigInt(amount) * BigInt(after.length)));
          expect(new Set(found[0]!.cites)).toEqual(
            new Set(['death:d1', ...after.map((p) => `pension-payment:${p.paymentId}`)]),
          );
          return true;
        },
      ),
    );
  });
});

describe('payments over appropriation', () => {
  const appropriation: AppropriationRecord = {
    id: 'a1',
    budgetUnit: '201001',
    fiscalYear: 2026,
    economicClass: '302',
    allocatedFen: 1_000_000,
  };
  const payment = (id: string, amountFen: number, status: PaymentRecord['status'] = 'executed', day = 1) => ({
    id,
    appropriationId: 'a1',
    amountFen,
    status,
    requestedAt: `2026-03-${String(day).padStart(2, '0')}T08:00:00.000Z`,
  });

  it('cites the appropriation and the payments from the one that crossed the line, with the excess', () => {
    const found = paymentsOverAppropriation(
      [appropriation],
      [
        payment('p3', 300_000, 'approved', 3),
        payment('p1', 600_000, 'executed', 1),
        payment('p2', 300_000, 'requested', 2),
      ],
    );
    expect(found).toEqual([
      expect.objectContaining({
        rule: 'payment-over-appropriation',
        amountFen: '200000',
        cites: ['appropriation:a1', 'payment:p3'],
      }),
    ]);
  });

  it('does not charge a rejected payment, and finds a payment against no appropriation', () => {
    expect(
      paymentsOverAppropriation([appropriation], [payment('p1', 1_000_000), payment('p2', 5, 'rejected')]),
    ).toEqual([]);
    expect(paymentsOverAppropriation([], [payment('p9', 5)])).toEqual([
      expect.objectContaining({
        rule: 'payment-without-appropriation',
        cites: ['payment:p9'],
        amountFen: '5',
      }),
    ]);
  });

  it('(property) finds an appropriation exactly when its charged payments exceed it, by the exact excess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000_000 }),
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 10_000_000_000_000 }),
            fc.constantFrom('requested', 'approved', 'rejected', 'executed'),
          ),
          {
            maxLength: 20,
          },
        ),
        (allocated, list) => {
          const payments = list.map(([amount, status], i) =>
            payment(`p${i}`, amount, status as PaymentRecord['status'], (i % 28) + 1),
          );
          const charged = payments
            .filter((p) => p.status !== 'rejected')
            .reduce((s, p) => s + BigInt(p.amountFen), 0n);
          const found = paymentsOverAppropriation([{ ...appropriation, allocatedFen: allocated }], payments);
          if (charged <= BigInt(allocated)) return found.length === 0;
          return (
            found.length === 1 &&
            found[0]!.amountFen === String(charged - BigInt(allocated)) &&
            found[0]!.cites.length >= 2
          );
        },
      ),
    );
  });
});

describe('import VAT against customs certificates', () => {
  const importer = '91350100M000100Y43';
  const cert: CustomsCertificate = {
    certificateNo: '220120261000000001',
    declarationId: 'D1',
    importerCreditCode: importer,
    vatFen: 1_588_889,
    paidOn: '2026-03-02',
  };
  const deduct = (patch: Partial<VatDeduction> = {}): VatDeduction => ({
    creditCode: importer,
    reference: cert.certificateNo,
    declarationId: 'D1',
    taxFen: cert.vatFen,
    period: '2026-03',
    ...patch,
  });

  it('finds nothing for a deduction matching its certificate', () => {
    expect(importVatMismatches([cert], [deduct()])).toEqual([]);
  });

  it.each([
    ['an unknown certificate', { reference: 'NOSUCH' }, '1588889', 1],
    ['another importer', { creditCode: '91110000600037341L' }, '1588889', 2],
    ['more than the certificate states', { taxFen: cert.vatFen + 100 }, '100', 2],
  ])('finds a deduction on %s', (_, patch, amountFen, citeCount) => {
    const [finding] = importVatMismatches([cert], [deduct(patch)]);
    expect(finding).toMatchObject({ rule: 'import-vat-without-certificate', amountFen });
    expect(finding!.cites).toHaveLength(citeCount);
  });

  it('finds a certificate deducted twice, the later period cited', () => {
    expect(importVatMismatches([cert], [deduct({ period: '2026-04' }), deduct()])).toEqual([
      {
        rule: 'import-vat-deducted-twice',
        summary: `certificate ${cert.certificateNo} deducted 2 times (first in 2026-03)`,
        amountFen: String(cert.vatFen),
        cites: [
          `vat-certificate:${cert.certificateNo}`,
          `vat-deduction:${importer}/2026-04/${cert.certificateNo}`,
        ],
      },
    ]);
  });

  it('(property) repeats of one certificate are found once, whatever the order, summing all but the first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (months) => {
          const list = months.map((m) => deduct({ period: `2026-${String(m).padStart(2, '0')}` }));
          const found = importVatMismatches([cert], fc.sample(shuffled(list), 1)[0]!);
          if (months.length === 1) return found.length === 0;
          return (
            found.length === 1 &&
            found[0]!.amountFen === String(BigInt(cert.vatFen) * BigInt(months.length - 1)) &&
            !found[0]!.cites.includes(
              `vat-deduction:${importer}/2026-${String(Math.min(...months)).padStart(2, '0')}/${cert.certificateNo}`,
            )
          );
        },
      ),
    );
  });
});

describe('a treasury ledger that does not balance', () => {
  const account = (code: string, type: 'asset' | 'revenue', debit: bigint, credit: bigint) => ({
    code,
    name: code,
    type,
    debitFen: String(debit),
    creditFen: String(credit),
    balanceFen: String(normalBalance(type, debit, credit)),
  });
  const big = 9_010_000_000_000_000n; // past 2^53 fen
  const balanced: TrialBalance = {
    asOf: '2026-03-31',
    accounts: [account('tsa', 'asset', big, 0n), account('tax', 'revenue', 0n, big)],
    totalDebitFen: String(big),
    totalCreditFen: String(big),
    balanced: true,
  };

  it('finds nothing in a ledger that balances, past 2^53 fen', () => {
    expect(ledgerImbalances(balanced)).toEqual([]);
  });

  it('finds debits and credits that differ by one fen, and the false claim of balance', () => {
    const off = {
      ...balanced,
      accounts: [balanced.accounts[0]!, account('tax', 'revenue', 0n, big - 1n)],
      totalCreditFen: String(big - 1n),
    };
    const rules = ledgerImbalances(off).map((f) => f.summary);
    expect(rules).toContain(
      `the accounts' debits (${big} fen) and credits (${big - 1n} fen) differ by 1 fen`,
    );
    expect(rules).toContain('the ledger says it balances, and it does not');
    expect(
      ledgerImbalances(off).every((f) => f.amountFen === '1' && f.cites[0] === 'ledger:2026-03-31'),
    ).toBe(true);
  });

  it('finds stated totals that are not the sums, and an account balance not netted on its side', () => {
    const wrongTotal = ledgerImbalances({ ...balanced, totalDebitFen: '5' });
    expect(wrongTotal.map((f) => f.summary)).toContain(
      `the stated total debits (5 fen) are not the accounts' sum (${big} fen)`,
    );
    const wrongBalance = ledgerImbalances({
      ...balanced,
      accounts: [{ ...balanced.accounts[0]!, balanceFen: '0' }, balanced.accounts[1]!],
    });
    expect(wrongBalance).toEqual([
      expect.objectContaining({ cites: ['ledger:2026-03-31', 'account:tsa'], amountFen: String(big) }),
    ]);
  });

  it('(property) a ledger of balanced postings never has a finding; moving one fen always does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 13n }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (amounts, pick) => {
          const accounts = amounts.flatMap((a, i) => [
            account(`a${i}`, 'asset', a, 0n),
            account(`r${i}`, 'revenue', 0n, a),
          ]);
          const sum = String(amounts.reduce((s, a) => s + a, 0n));
          const tb: TrialBalance = {
            asOf: null,
            accounts,
            totalDebitFen: sum,
            totalCreditFen: sum,
            balanced: true,
          };
          if (ledgerImbalances(tb).length !== 0) return false;
          const i = pick % accounts.length;
          const a = accounts[i]!;
          const moved = {
            ...a,
            debitFen: String(BigInt(a.debitFen) + 1n),
            balanceFen: String(BigInt(a.balanceFen) + (a.type === 'asset' ? 1n : -1n)),
          };
          return (
            ledgerImbalances({ ...tb, accounts: accounts.map((x, j) => (j === i ? moved : x)) }).length > 0
          );
        },
      ),
    );
  });
});
