import type { CoreContext } from '../context';
import { publishedCount, type Cell } from '../publication/cell-key';
import { daysBetween } from '../reports/calendar-days';
import { importedIn, importedMatching, readImportedCounts } from '../reports/imported-counts';
import { resolveFilters } from './check-filters';
import { dayNumber } from './day-numbers';
import { MULTI_VALUED_DIMENSIONS, type PivotInput } from './pivot-inputs';
import { pivotAxis } from './pivot-axes';
import type { Pivot } from './pivot-types';
import { compileFilters, selectRows } from './select-rows';

/** Two scratch arrays for the rows' codes, reused by every pivot (each runs to its end without yielding): no megabytes of garbage per pivot. */
const scratches = [new Int32Array(0), new Int32Array(0)];
function scratch(which: 0 | 1, length: number): Int32Array {
  if (scratches[which]!.length < length) scratches[which] = new Int32Array(Math.max(length, scratches[which]!.length * 2));
  return scratches[which]!.subarray(0, length);
}

/** Each row's sum of a rows × width table into `into` (key sums wrap modulo 2^32 on storing into a Uint32Array). */
function sumRows<A extends Int32Array | Uint32Array>(table: A, width: number, into: A) {
  for (let r = 0; r < into.length; r++) {
    let sum = 0;
    for (let c = 0; c < width; c++) sum += table[r * width + c]!;
    into[r] = sum;
  }
}

/** Each column's sum of a rows × width table into `into`. */
function sumColumns<A extends Int32Array | Uint32Array>(table: A, width: number, into: A) {
  for (let at = 0; at < table.length; at++) into[at % width]! += table[at]!;
}

/** The most values one contact has on one side: three topics, five referrals. */
const MAX_CODES_PER_ROW = 8;

/**
 * Two dimensions against each other over the counting contacts of a period that match the filter
 * (core/analysis/pivot-types.ts): one pass over the store's rows, each contact counted in every cell
 * of its values and once in each of its rows' and columns' totals, its record key added beside each
 * count. In publication mode every cell and total is published from its count and key sum
 * (core/publication/cell-key.ts), and only rows and columns whose published total is above 0 are shown.
 */
export async function computePivot(ctx: CoreContext, input: PivotInput): Promise<Pivot> {
  const catalog = await ctx.catalog.catalog();
  const filters = resolveFilters(catalog, input.filters);
  const snapshot = await ctx.analysis.snapshot();
  const fromDay = dayNumber(input.from);
  const toDay = dayNumber(input.to);
  const rowAxis = pivotAxis(input.rows, snapshot, catalog, fromDay, toDay);
  const columnAxis = pivotAxis(input.columns, snapshot, catalog, fromDay, toDay);
  const rows = selectRows(snapshot.cols, fromDay, toDay, compileFilters(filters, snapshot.dicts, catalog));

  const width = columnAxis.size;
  const cells = new Int32Array(rowAxis.size * width);
  const rowTotals = new Int32Array(rowAxis.size);
  const columnTotals = new Int32Array(width);
  // Key sums beside the counts: Uint32Array's `+=` wraps modulo 2^32, as cell keys do.
  const cellKeys = new Uint32Array(cells.length);
  const rowKeys = new Uint32Array(rowAxis.size);
  const columnKeys = new Uint32Array(width);
  const key = snapshot.cols.key;
  let totalKey = 0;
  if (rowAxis.codesOfRows && columnAxis.codesOfRows) {
    // Both sides single-valued: each contact is in one cell, one row and one column.
    const r = scratch(0, rows.length);
    const c = scratch(1, rows.length);
    rowAxis.codesOfRows(snapshot.cols, rows, r);
    columnAxis.codesOfRows(snapshot.cols, rows, c);
    for (let k = 0; k < rows.length; k++) {
      const cell = r[k]! * width + c[k]!;
      cells[cell]!++;
      cellKeys[cell]! += key[rows[k]!]!;
    }
    // Each contact in exactly one cell: a row's and a column's counts and key sums are their cells' sums.
    sumRows(cells, width, rowTotals);
    sumRows(cellKeys, width, rowKeys);
    sumColumns(cells, width, columnTotals);
    sumColumns(cellKeys, width, columnKeys);
    totalKey = rowKeys.reduce((sum, k) => (sum + k) >>> 0, 0);
  } else if ((rowAxis.slots && columnAxis.codesOfRows) || (columnAxis.slots && rowAxis.codesOfRows)) {
    // One side several-valued (topics, referrals), read straight from its slot columns; the other single-valued.
    const multiIsRow = rowAxis.slots !== undefined;
    const slots = (multiIsRow ? rowAxis : columnAxis).slots!(snapshot.cols);
    const single = scratch(0, rows.length);
    (multiIsRow ? columnAxis : rowAxis).codesOfRows!(snapshot.cols, rows, single);
    const [singleTotals, singleKeys] = multiIsRow ? [columnTotals, columnKeys] : [rowTotals, rowKeys];
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const contactKey = key[row]!;
      const other = single[k]!;
      singleTotals[other]!++;
      singleKeys[other]! += contactKey;
      for (let s = 0; s < slots.length; s++) {
        const code = slots[s]![row]!;
        if (code === 0 && s > 0) break; // the first slot's 0 is "none" (no referral); later ones are empty
        const cell = multiIsRow ? code * width + other : other * width + code;
        cells[cell]!++;
        cellKeys[cell]! += contactKey;
        if (code === 0) break;
      }
    }
    // A contact is in one cell per value of the several-valued side: that side's totals are its cells' sums.
    if (multiIsRow) {
      sumRows(cells, width, rowTotals);
      sumRows(cellKeys, width, rowKeys);
    } else {
      sumColumns(cells, width, columnTotals);
      sumColumns(cellKeys, width, columnKeys);
    }
    totalKey = singleKeys.reduce((sum, k) => (sum + k) >>> 0, 0);
  } else {
    const r = new Int32Array(MAX_CODES_PER_ROW);
    const c = new Int32Array(MAX_CODES_PER_ROW);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const contactKey = key[row]!;
      totalKey = (totalKey + contactKey) >>> 0;
      const nr = rowAxis.codesOf(snapshot.cols, row, r);
      const nc = columnAxis.codesOf(snapshot.cols, row, c);
      for (let j = 0; j < nc; j++) {
        columnTotals[c[j]!]!++;
        columnKeys[c[j]!]! += contactKey;
      }
      for (let i = 0; i < nr; i++) {
        const base = r[i]! * width;
        rowTotals[r[i]!]!++;
        rowKeys[r[i]!]! += contactKey;
        for (let j = 0; j < nc; j++) {
          cells[base + c[j]!]!++;
          cellKeys[base + c[j]!]! += contactKey;
        }
      }
    }
  }

  // What is shown: the true counts, or in publication mode each count published from its own key sum.
  const shown = input.publication
    ? (counts: Int32Array, keys: Uint32Array, at: number) => publishedCount(counts[at]!, keys[at]!)
    : (counts: Int32Array, _: Uint32Array, at: number) => counts[at]!;
  // Only rows and columns with (published) contacts, in the axis' order.
  const shownRows = rowAxis.headers().filter((h) => shown(rowTotals, rowKeys, h.code) > 0);
  const shownColumns = columnAxis.headers().filter((h) => shown(columnTotals, columnKeys, h.code) > 0);
  const imported = await importedNotIncludedIn(ctx, input, filters, catalog.topics, catalog.settings.openingDate);
  const publish = (cell: Cell) => (input.publication ? publishedCount(cell.n, cell.key) : cell.n);
  return {
    generatedAt: new Date(ctx.now()).toISOString(),
    period: { from: input.from, to: input.to, days: daysBetween(input.from, input.to) },
    filters,
    rowDimension: input.rows,
    columnDimension: input.columns,
    rows: shownRows.map((h) => h.header),
    columns: shownColumns.map((h) => h.header),
    cells: shownRows.map((h) => shownColumns.map((col) => shown(cells, cellKeys, h.code * width + col.code))),
    rowTotals: shownRows.map((h) => shown(rowTotals, rowKeys, h.code)),
    columnTotals: shownColumns.map((h) => shown(columnTotals, columnKeys, h.code)),
    total: publish({ n: rows.length, key: totalKey }),
    multiValued: [input.rows, input.columns].filter((d) => MULTI_VALUED_DIMENSIONS.includes(d)),
    importedNotIncluded: publish(imported),
    publication: input.publication,
  };
}

/** Imported monthly counts of the period the filter would let through: a pivot leaves them out (no day, language, …). */
async function importedNotIncludedIn(
  ctx: CoreContext,
  input: PivotInput,
  filters: ReturnType<typeof resolveFilters>,
  topics: Parameters<typeof importedMatching>[2],
  openingDate: string,
): Promise<Cell> {
  const counts = await readImportedCounts(ctx, input.from.slice(0, 7), input.to.slice(0, 7));
  return importedIn(importedMatching(counts, filters, topics).kept, input.from, input.to, openingDate).total;
}
