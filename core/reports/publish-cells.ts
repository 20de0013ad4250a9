import { addKeys, publishedCount, type Cell } from '../publication/cell-key';
import type { Dimension } from '../rollups/rollup-keys';
import type { PeriodCounts } from './count-source';

/**
 * How a report turns a cell (a true count and the key sum of its contacts) into the number it shows.
 * The plain report and the report published by the cell-key method are built by the same code and
 * differ only here: `trueCount` shows the count itself (and is what small-cell suppression starts
 * from), `cellKeyCount` shows it perturbed by the table of core/publication/cell-key.ts. Everything a
 * report shows or hides, and the order it sorts in, is decided on these numbers, never on true counts.
 */
export type Publish = (cell: Cell) => number;

export const trueCount: Publish = (cell) => cell.n;
export const cellKeyCount: Publish = (cell) => publishedCount(cell.n, cell.key);

/** Counts keyed by catalog id, with the key sums beside them (a missing key reads as 0). */
export function cellsOf(counts: Map<number, number> | undefined, keys: Map<number, number> | undefined): Map<number, Cell> {
  const cells = new Map<number, Cell>();
  for (const [id, n] of counts ?? []) cells.set(id, { n, key: keys?.get(id) ?? 0 });
  return cells;
}

/** One dimension of a period's counts as cells. */
export const dimensionCells = (period: Pick<PeriodCounts, 'counts' | 'keys'>, dimension: Dimension): Map<number, Cell> =>
  cellsOf(period.counts.get(dimension), period.keys.counts.get(dimension));

/**
 * A running sum of cells. Key sums stay below 2^32 at every step (added modulo 2^32), so they are exact
 * however many cells are added; counts are whole numbers far below 2^53.
 */
export class CellSum {
  n = 0;
  key = 0;
  add(cell: Cell | undefined): this {
    if (cell) {
      this.n += cell.n;
      this.key = addKeys(this.key, cell.key);
    }
    return this;
  }
  addCount(n: number, key: number | undefined): this {
    this.n += n;
    this.key = addKeys(this.key, key ?? 0);
    return this;
  }
  get cell(): Cell {
    return { n: this.n, key: this.key };
  }
}

/** The sum of some cells: a cell of its own. */
export const sumOfCells = (cells: Iterable<Cell | undefined>): Cell => {
  const sum = new CellSum();
  for (const c of cells) sum.add(c);
  return sum.cell;
};
