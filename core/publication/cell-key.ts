/**
 * The cell-key method (as Destatis uses it for the 2022 census). Every contact carries a random
 * record key, an unsigned 32-bit integer drawn when it is stored (`newRecordKeys`). A published cell's
 * key is the sum of its contacts' record keys modulo 2^32 (`addKeys`); its published value is its
 * true count plus a deviation that the perturbation table below gives for (count, cell key). The same
 * set of contacts therefore always gets the same published value, in every table, period, filter,
 * pivot and export: differencing two published figures returns noise, not people.
 *
 * The table (README, "Publication mode"), deviations and their probabilities in sixtieths:
 *
 * | true count | deviation: probability                         | published values      |
 * |------------|------------------------------------------------|-----------------------|
 * | 0          | 0: 60                                          | 0                     |
 * | 1          | −1: 40, +2: 20                                 | 0, 3                  |
 * | 2          | −2: 24, +1: 24, +2: 12                          | 0, 3, 4               |
 * | 3          | 0: 60                                          | 3                     |
 * | 4          | −1: 24, 0: 18, +1: 12, +2: 6                    | 3, 4, 5, 6            |
 * | 5 and more | −2, −1, 0, +1, +2: 12 each                     | n − 2 … n + 2         |
 *
 * So zeros stay zero, no published value is 1 or 2, no count of 3 or more becomes 0, every deviation
 * is at most ±2 and each row's mean deviation is exactly 0. A count of 3 cannot move (a lower value
 * would be 1 or 2, and the mean must stay 0), which is harmless: a published 3 may come from 1 to 5.
 */

/** 2^32: record keys and cell keys are integers in [0, KEY_RANGE). */
export const KEY_RANGE = 4294967296;

/** Each row's deviations with their probabilities in sixtieths (they add up to 60). */
export const PERTURBATION_TABLE: readonly (readonly (readonly [deviation: number, sixtieths: number])[])[] = [
  [[0, 60]],
  [
    [-1, 40],
    [2, 20],
  ],
  [
    [-2, 24],
    [1, 24],
    [2, 12],
  ],
  [[0, 60]],
  [
    [-1, 24],
    [0, 18],
    [1, 12],
    [2, 6],
  ],
  [
    [-2, 12],
    [-1, 12],
    [0, 12],
    [1, 12],
    [2, 12],
  ],
];

/** The table's row for a true count: counts from 5 on share the last one. */
export const rowFor = (count: number) => PERTURBATION_TABLE[Math.min(count, PERTURBATION_TABLE.length - 1)]!;

/** Where a cell key falls in sixtieths, 0–59: keys are spread evenly, so each sixtieth is as likely. */
const sixtiethOf = (cellKey: number) => Math.floor((cellKey * 60) / KEY_RANGE);

/** The deviation the table gives a true count with this cell key. */
export function deviationOf(count: number, cellKey: number): number {
  const at = sixtiethOf(cellKey);
  let below = 0;
  const row = rowFor(count);
  for (const [deviation, sixtieths] of row) {
    below += sixtieths;
    if (at < below) return deviation;
  }
  return row[row.length - 1]![0];
}

/** The published value of a cell: its true count plus the table's deviation for its key. */
export function publishedCount(count: number, cellKey: number): number {
  if (!Number.isInteger(count) || count < 0) throw new Error(`cell key: a count is a whole number ≥ 0, not ${count}`);
  return count + deviationOf(count, cellKey);
}

/** Two key sums added modulo 2^32 (both in [0, 2^32)). */
export const addKeys = (a: number, b: number): number => (a + b) % KEY_RANGE;

/** A key sum less one contact's key (a contact counted out), modulo 2^32. */
export const subtractKey = (sum: number, key: number): number => (sum - key + KEY_RANGE) % KEY_RANGE;

/** Any number of key sums added modulo 2^32. */
export const sumKeys = (keys: Iterable<number>): number => {
  let sum = 0;
  for (const k of keys) sum = (sum + k) % KEY_RANGE;
  return sum;
};

/** A count with the key sum of the contacts it counts: a cell of the cell-key method. */
export interface Cell {
  n: number;
  /** Sum of the counted contacts' record keys modulo 2^32 (a contact counted twice, e.g. in topic mentions, adds its key twice). */
  key: number;
}

export const EMPTY_CELL: Cell = { n: 0, key: 0 };
export const addCells = (a: Cell, b: Cell): Cell => ({ n: a.n + b.n, key: addKeys(a.key, b.key) });

/** Fresh record keys for new contacts (or imported monthly counts): uniform over [0, 2^32), from the operating system's random source. */
export function newRecordKeys(count: number): number[] {
  const keys = new Uint32Array(count);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < count; at += 16384) crypto.getRandomValues(keys.subarray(at, Math.min(count, at + 16384)));
  return Array.from(keys);
}
export const newRecordKey = (): number => newRecordKeys(1)[0]!;
