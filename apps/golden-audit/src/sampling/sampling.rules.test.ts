import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawSample, monetaryUnitSample, type PopulationItem, randomSample } from './sampling.rules.ts';

const population = (n: number, amount = (i: number) => BigInt((i + 1) * 1000)): PopulationItem[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `payment:${String(i).padStart(4, '0')}`,
    amountFen: amount(i),
  }));

describe('sampling', () => {
  it('pins the draws of a seed, so a changed generator cannot pass unnoticed', () => {
    const r = randomSample(population(20), 4, 20261203);
    const m = monetaryUnitSample(population(20), 4, 20261203);
    expect(r.ok && r.value.selected).toMatchInlineSnapshot(`
      [
        "payment:0003",
        "payment:0004",
        "payment:0009",
        "payment:0013",
      ]
    `);
    expect(m.ok && [m.value.intervalFen, m.value.selected]).toMatchInlineSnapshot(`
      [
        "52500",
        [
          "payment:0006",
          "payment:0012",
          "payment:0015",
          "payment:0018",
        ],
      ]
    `);
  });

  it('(property) random: the same seed gives the same sample, of exactly the size, without repeats, whatever the pull order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.integer(), (n, k, seed) => {
        const items = population(n);
        const size = k % (n + 1);
        const a = randomSample(items, size, seed);
        const b = randomSample([...items].reverse(), size, seed);
        if (!a.ok || !b.ok) return false;
        return (
          JSON.stringify(a.value) === JSON.stringify(b.value) &&
          new Set(a.value.selected).size === size &&
          a.value.selected.every((id) => items.some((x) => x.id === id))
        );
      }),
    );
  });

  it('(property) monetary units: every item of at least the interval is selected, reproducibly, at most `size` items', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 17n }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.integer(),
        (amounts, k, seed) => {
          const items = amounts.map((amountFen, i) => ({ id: `x:${i}`, amountFen }));
          const size = (k % items.length) + 1;
          const a = monetaryUnitSample(items, size, seed);
          if (amounts.every((x) => x === 0n)) return !a.ok && a.part === 'no_value';
          const b = monetaryUnitSample(items, size, seed);
          if (!a.ok || !b.ok) return !a.ok && a.part === 'larger_than_population';
          const interval = BigInt(a.value.intervalFen!);
          return (
            JSON.stringify(a.value) === JSON.stringify(b.value) &&
            a.value.selected.length <= size &&
            a.value.selected.length >= 1 &&
            items.filter((x) => x.amountFen >= interval).every((x) => a.value.selected.includes(x.id))
          );
        },
      ),
    );
  });

  it('refuses a sample larger than the population, and an empty population, by either method', () => {
    for (const method of ['random', 'monetary-unit'] as const) {
      expect(drawSample(method, population(3), 4, 1)).toMatchObject({
        ok: false,
        part: 'larger_than_population',
      });
      expect(drawSample(method, [], 1, 1)).toMatchObject({ ok: false, part: 'empty_population' });
    }
  });
});
