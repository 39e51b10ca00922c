import { err, ok, type Result } from '@egov/standards';
import { uniformBigInt } from 'pure-rand/distribution/uniformBigInt';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Audit sampling, reproducible from a recorded seed: the same population,
 * method, size and seed select the same items on any machine, today or in ten
 * years, so a reviewer re-draws the sample and gets what the auditor got.
 * The generator is pure-rand's xoroshiro128+ (fast-check's own generator,
 * maintained by its author); its output for a seed is fixed by its algorithm,
 * and a test pins the first draws so an upgrade that changed them would fail.
 */
export type SamplingMethod = 'random' | 'monetary-unit';

/** One item of a population: its id (a pulled record's `<kind>:<id>`) and its book value in fen. */
export interface PopulationItem {
  id: string;
  /** Book value in fen; bigint, since ledger accounts pass 2^53 fen. */
  amountFen: bigint;
}

export interface Sample {
  method: SamplingMethod;
  seed: number;
  size: number;
  populationCount: number;
  /** Sum of the population's values, a decimal string of fen. */
  populationFen: string;
  /** For monetary-unit sampling: the sampling interval in fen (population value / size, rounded down). */
  intervalFen: string | null;
  /** The selected ids, in population order, each once. */
  selected: string[];
}

export type SamplingRule = 'larger_than_population' | 'empty_population' | 'no_value';

/** The population in a canonical order (by id), so the order items were pulled in does not matter. */
const canonical = (items: readonly PopulationItem[]) =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Simple random sampling without replacement: a partial Fisher–Yates shuffle
 * of the population (sorted by id) driven by xoroshiro128+ from `seed`.
 * Refuses a sample larger than the population.
 *
 * @example
 * randomSample([{ id: 'a', amountFen: 1n }, { id: 'b', amountFen: 2n }, { id: 'c', amountFen: 3n }], 2, 42)
 * // ok: the same two ids every time for seed 42
 */
export function randomSample(
  items: readonly PopulationItem[],
  size: number,
  seed: number,
): Result<Sample, SamplingRule> {
  const population = canonical(items);
  const refused = checkSize(population.length, size);
  if (refused) return refused;
  const rng = xoroshiro128plus(seed);
  const order = population.map((_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = uniformInt(rng, i, order.length - 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const chosen = new Set(order.slice(0, size));
  return ok({
    method: 'random',
    seed,
    size,
    populationCount: population.length,
    populationFen: String(total(population)),
    intervalFen: null,
    selected: population.filter((_, i) => chosen.has(i)).map((x) => x.id),
  });
}

/**
 * Monetary-unit sampling (货币单位抽样), systematic: every fen of the
 * population is a sampling unit; the interval J = total / size (rounded
 * down), a random start in [0, J) drawn from `seed`, and the items holding
 * the fen at start, start + J, start + 2J, … are selected. An item at least
 * J in value is always selected (once, even if several points fall in it),
 * so the sample may hold fewer items than `size`. Bigint throughout.
 * Refuses a sample larger than the population, and a population of no value.
 *
 * @example
 * monetaryUnitSample([{ id: 'a', amountFen: 900n }, { id: 'b', amountFen: 100n }], 2, 7)
 * // ok: interval 500, 'a' always selected
 */
export function monetaryUnitSample(
  items: readonly PopulationItem[],
  size: number,
  seed: number,
): Result<Sample, SamplingRule> {
  const population = canonical(items).filter((x) => x.amountFen > 0n);
  const refused = checkSize(items.length, size);
  if (refused) return refused;
  const sum = total(population);
  if (sum === 0n) return err('no_value', 'the population has no value to sample by monetary unit');
  if (BigInt(size) > sum)
    return err('larger_than_population', `a sample of ${size} is larger than the population's ${sum} fen`);
  const interval = sum / BigInt(size);
  const start = uniformBigInt(xoroshiro128plus(seed), 0n, interval - 1n);
  const selected: string[] = [];
  let point = start;
  let upTo = 0n;
  for (const item of population) {
    upTo += item.amountFen;
    let hit = false;
    while (point < upTo) {
      hit = true;
      point += interval;
    }
    if (hit) selected.push(item.id);
  }
  return ok({
    method: 'monetary-unit',
    seed,
    size,
    populationCount: items.length,
    populationFen: String(total(items)),
    intervalFen: String(interval),
    selected,
  });
}

/** Draws a sample by `method`. */
export function drawSample(
  method: SamplingMethod,
  items: readonly PopulationItem[],
  size: number,
  seed: number,
): Result<Sample, SamplingRule> {
  return method === 'random' ? randomSample(items, size, seed) : monetaryUnitSample(items, size, seed);
}

function checkSize(count: number, size: number): Result<never, SamplingRule> | undefined {
  if (count === 0) return err('empty_population', 'the population is empty: pull its records first');
  if (size > count)
    return err(
      'larger_than_population',
      `a sample of ${size} is larger than the population of ${count} records`,
    );
  return undefined;
}

const total = (items: readonly PopulationItem[]) => items.reduce((s, x) => s + x.amountFen, 0n);
