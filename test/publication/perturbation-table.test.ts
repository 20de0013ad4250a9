import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/demo/random';
import {
  addCells,
  addKeys,
  deviationOf,
  EMPTY_CELL,
  KEY_RANGE,
  newRecordKeys,
  PERTURBATION_TABLE,
  publishedCount,
  rowFor,
  subtractKey,
  sumKeys,
} from '../../core/publication/cell-key';

/**
 * The perturbation table of the cell-key method (core/publication/cell-key.ts), every property the
 * issue names, exhaustively over the true counts 0–1000 and over a large sample of cell keys: each
 * sixtieth's first key and its two neighbours (where the table's deviation changes), both ends of the
 * key range, and 100,000 keys from a seeded generator.
 */

const MAX_COUNT = 1000;

/** The first key of each sixtieth of the key range, with its neighbours below and above. */
const BOUNDARY_KEYS = (() => {
  const keys = new Set<number>([0, 1, KEY_RANGE - 2, KEY_RANGE - 1]);
  for (let k = 1; k < 60; k++) {
    const first = Math.ceil((k * KEY_RANGE) / 60);
    for (const key of [first - 1, first, first + 1]) keys.add(key);
  }
  return [...keys].sort((a, b) => a - b);
})();

const randomKeys = (seed: number, n: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => Math.floor(random() * KEY_RANGE));
};
const SAMPLE_KEYS = [...BOUNDARY_KEYS, ...randomKeys(1717, 100_000)];

/**
 * `perSixtieth` keys in every sixtieth of the key range, evenly spaced: over these, each deviation must
 * occur exactly as often as the table's sixtieths say (keys are uniform, so this is its probability).
 */
const evenlySpacedKeys = (perSixtieth: number) => {
  const n = 60 * perSixtieth;
  return Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * KEY_RANGE) / n));
};

describe('the perturbation table', () => {
  it('each row: probabilities in sixtieths add up to 60, mean deviation exactly 0, |deviation| ≤ 2, no published 1 or 2, 3+ never 0', () => {
    expect(PERTURBATION_TABLE.length).toBe(6);
    for (let count = 0; count <= MAX_COUNT; count++) {
      const row = rowFor(count);
      expect(
        row.reduce((s, [, p]) => s + p, 0),
        `row ${count}`,
      ).toBe(60);
      expect(
        row.reduce((s, [d, p]) => s + d * p, 0),
        `row ${count}: mean deviation × 60`,
      ).toBe(0);
      for (const [deviation, sixtieths] of row) {
        expect(sixtieths, `row ${count}`).toBeGreaterThan(0);
        expect(Math.abs(deviation), `row ${count}`).toBeLessThanOrEqual(2);
        const published = count + deviation;
        expect([1, 2], `row ${count}: published ${published}`).not.toContain(published);
        expect(published, `row ${count}`).toBeGreaterThanOrEqual(count >= 3 ? 1 : 0);
      }
      if (count === 0) expect(row).toEqual([[0, 60]]);
    }
    // What a published value can come from, the rows as the README gives them.
    const published = (count: number) => rowFor(count).map(([d]) => count + d);
    expect([0, 1, 2, 3, 4].map(published)).toEqual([[0], [0, 3], [0, 3, 4], [3], [3, 4, 5, 6]]);
    expect(published(5)).toEqual([3, 4, 5, 6, 7]);
    expect(published(1000)).toEqual([998, 999, 1000, 1001, 1002]);
  });

  it(`publishedCount over counts 0–${MAX_COUNT} and ${SAMPLE_KEYS.length.toLocaleString('en')} keys: zeros stay zero, never 1 or 2, |deviation| ≤ 2, 3+ never 0, always a deviation of its row`, () => {
    const problems: string[] = [];
    for (let count = 0; count <= MAX_COUNT; count++) {
      const allowed = new Set(rowFor(count).map(([d]) => d));
      for (const key of SAMPLE_KEYS) {
        const p = publishedCount(count, key);
        const d = p - count;
        const bad =
          !Number.isInteger(p) || (count === 0 && p !== 0) || p === 1 || p === 2 || Math.abs(d) > 2 || (count >= 3 && p === 0) || p < 0 || !allowed.has(d);
        if (bad && problems.length < 10) problems.push(`count ${count}, key ${key}: published ${p}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('the deviation changes only where a sixtieth begins: a key just below a boundary and one on it fall in neighbouring sixtieths', () => {
    // Row 4 has four bands: −1 for sixtieths 0–23, 0 for 24–41, +1 for 42–53, +2 for 54–59.
    const first = (k: number) => Math.ceil((k * KEY_RANGE) / 60);
    expect([first(24) - 1, first(24)].map((k) => deviationOf(4, k))).toEqual([-1, 0]);
    expect([first(42) - 1, first(42)].map((k) => deviationOf(4, k))).toEqual([0, 1]);
    expect([first(54) - 1, first(54)].map((k) => deviationOf(4, k))).toEqual([1, 2]);
    expect([0, KEY_RANGE - 1].map((k) => deviationOf(7, k))).toEqual([-2, 2]);
    expect([first(12) - 1, first(12), first(48) - 1, first(48)].map((k) => deviationOf(7, k))).toEqual([-2, -1, 1, 2]);
  });

  it('over evenly spaced keys every deviation occurs exactly with its table probability, so the mean deviation is exactly 0', () => {
    const perSixtieth = 50;
    const keys = evenlySpacedKeys(perSixtieth);
    for (let count = 0; count <= MAX_COUNT; count++) {
      const seen = new Map<number, number>();
      let sum = 0;
      for (const key of keys) {
        const d = publishedCount(count, key) - count;
        seen.set(d, (seen.get(d) ?? 0) + 1);
        sum += d;
      }
      expect(sum, `row ${count}: sum of deviations`).toBe(0);
      const expected = new Map(rowFor(count).map(([d, sixtieths]) => [d, sixtieths * perSixtieth]));
      expect(seen, `row ${count}`).toEqual(expected);
    }
  });

  it('over the seeded random keys each row keeps its probabilities and a mean deviation near 0 (binomial bounds, 6 σ)', () => {
    const keys = randomKeys(4242, 100_000);
    for (const count of [1, 2, 4, 5, 20, 999]) {
      const seen = new Map<number, number>();
      let sum = 0;
      for (const key of keys) {
        const d = deviationOf(count, key);
        seen.set(d, (seen.get(d) ?? 0) + 1);
        sum += d;
      }
      for (const [d, sixtieths] of rowFor(count)) {
        const p = sixtieths / 60;
        const sigma = Math.sqrt(keys.length * p * (1 - p));
        expect(Math.abs((seen.get(d) ?? 0) - keys.length * p), `row ${count}, deviation ${d}`).toBeLessThan(6 * sigma);
      }
      // Each row's deviations have variance at most 4, so the mean of 100,000 has σ ≤ 2 / √100,000.
      expect(Math.abs(sum / keys.length), `row ${count}`).toBeLessThan(6 * (2 / Math.sqrt(keys.length)));
    }
  });

  it('refuses a count that is no whole number ≥ 0', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => publishedCount(bad, 0)).toThrow(/whole number/);
  });
});

describe('key sums modulo 2^32', () => {
  const big = (xs: number[]) => Number(xs.reduce((s, x) => s + BigInt(x), 0n) % BigInt(KEY_RANGE));

  it('addKeys, subtractKey and sumKeys are exact at the ends of the range', () => {
    const top = KEY_RANGE - 1;
    expect(addKeys(top, 1)).toBe(0);
    expect(addKeys(top, top)).toBe(KEY_RANGE - 2);
    expect(addKeys(0, 0)).toBe(0);
    expect(addKeys(2 ** 31, 2 ** 31)).toBe(0);
    expect(subtractKey(0, 1)).toBe(top);
    expect(subtractKey(0, top)).toBe(1);
    expect(subtractKey(top, top)).toBe(0);
    expect(subtractKey(5, 0)).toBe(5);
    expect(sumKeys([])).toBe(0);
    expect(sumKeys([top, top, top])).toBe(big([top, top, top]));
    // A million of the largest key: a plain JS sum would still be exact here, but only the modulo keeps it in range.
    const many = Array.from({ length: 1_000_000 }, () => top);
    expect(sumKeys(many)).toBe(big(many));
    expect(addCells({ n: 2, key: top }, { n: 3, key: 2 })).toEqual({ n: 5, key: 1 });
    expect(addCells(EMPTY_CELL, { n: 1, key: top })).toEqual({ n: 1, key: top });
  });

  it('agree with BigInt arithmetic and with Uint32Array wrapping for seeded keys near and away from the boundary', () => {
    const random = seededRandom(99);
    const near = () => (random() < 0.5 ? KEY_RANGE - 1 - Math.floor(random() * 1000) : Math.floor(random() * 1000));
    const wrap = new Uint32Array(1);
    for (let i = 0; i < 20_000; i++) {
      const a = i % 2 ? near() : Math.floor(random() * KEY_RANGE);
      const b = i % 3 ? near() : Math.floor(random() * KEY_RANGE);
      const sum = addKeys(a, b);
      expect(sum).toBe(big([a, b]));
      wrap[0] = a;
      wrap[0]! += b;
      expect(sum).toBe(wrap[0]);
      // Counting a contact out again gives back the key sum without it.
      expect(subtractKey(sum, b)).toBe(a);
      expect(subtractKey(sum, a)).toBe(b);
      expect(Number.isInteger(sum) && sum >= 0 && sum < KEY_RANGE).toBe(true);
    }
    const keys = Array.from({ length: 5000 }, near);
    expect(sumKeys(keys)).toBe(big(keys));
    // A contact counted twice (topic mentions) adds its key twice.
    expect(sumKeys([keys[0]!, keys[0]!])).toBe(addKeys(keys[0]!, keys[0]!));
    // Order does not matter.
    expect(sumKeys([...keys].reverse())).toBe(sumKeys(keys));
  });
});

describe('newRecordKeys', () => {
  it('gives 100,000 whole numbers spread over [0, 2^32): min, max, mean and every sixtieth as expected of uniform keys', () => {
    const keys = newRecordKeys(100_000);
    expect(keys.length).toBe(100_000);
    expect(keys.every((k) => Number.isInteger(k) && k >= 0 && k < KEY_RANGE)).toBe(true);
    // Uniform keys: the smallest of 100,000 lies below 2^32 / 1,000 with probability 1 − e^−100, the largest likewise at the top.
    expect(Math.min(...keys)).toBeLessThan(KEY_RANGE / 1000);
    expect(Math.max(...keys)).toBeGreaterThan(KEY_RANGE - KEY_RANGE / 1000);
    // The mean has σ = 2^32 / √12 / √100,000 ≈ 3.9 million; 8 σ.
    const mean = keys.reduce((s, k) => s + k, 0) / keys.length;
    expect(Math.abs(mean - KEY_RANGE / 2)).toBeLessThan(8 * (KEY_RANGE / Math.sqrt(12) / Math.sqrt(keys.length)));
    // About 1,667 keys in each sixtieth (σ ≈ 40).
    const bands = new Array<number>(60).fill(0);
    for (const k of keys) bands[Math.floor((k * 60) / KEY_RANGE)]!++;
    expect(Math.min(...bands)).toBeGreaterThan(1300);
    expect(Math.max(...bands)).toBeLessThan(2050);
    // Collisions: about n² / 2^33 ≈ 1 expected.
    expect(new Set(keys).size).toBeGreaterThan(keys.length - 20);
  });

  it('fills more than 16,384 keys (one getRandomValues call holds at most 65,536 bytes): the keys after the first call are random too', () => {
    for (const n of [16_383, 16_384, 16_385, 40_000]) expect(newRecordKeys(n).length).toBe(n);
    const keys = newRecordKeys(40_000);
    for (const part of [keys.slice(0, 16_384), keys.slice(16_384, 32_768), keys.slice(32_768)]) {
      const mean = part.reduce((s, k) => s + k, 0) / part.length;
      expect(Math.abs(mean - KEY_RANGE / 2)).toBeLessThan(8 * (KEY_RANGE / Math.sqrt(12) / Math.sqrt(part.length)));
      expect(new Set(part).size).toBeGreaterThan(part.length - 10);
    }
    // The last key of 16,385 comes from a second call: not left at zero.
    const lasts = Array.from({ length: 5 }, () => newRecordKeys(16_385)[16_384]!);
    expect(lasts.some((k) => k !== 0)).toBe(true);
    expect(newRecordKeys(0)).toEqual([]);
  });
});
