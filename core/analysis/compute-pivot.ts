import type { CoreContext } from '../context';
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

/** The most values one contact has on one side: three topics, five referrals. */
const MAX_CODES_PER_ROW = 8;

/**
 * Two dimensions against each other over the counting contacts of a period that match the filter
 * (core/analysis/pivot-types.ts): one pass over the store's rows, each contact counted in every cell
 * of its values and once in each of its rows' and columns' totals.
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
  if (rowAxis.codesOfRows && columnAxis.codesOfRows) {
    // Both sides single-valued: each contact is in one cell, one row and one column.
    const r = scratch(0, rows.length);
    const c = scratch(1, rows.length);
    rowAxis.codesOfRows(snapshot.cols, rows, r);
    columnAxis.codesOfRows(snapshot.cols, rows, c);
    for (let k = 0; k < rows.length; k++) {
      cells[r[k]! * width + c[k]!]!++;
      rowTotals[r[k]!]!++;
      columnTotals[c[k]!]!++;
    }
  } else if ((rowAxis.slots && columnAxis.codesOfRows) || (columnAxis.slots && rowAxis.codesOfRows)) {
    // One side several-valued (topics, referrals), read straight from its slot columns; the other single-valued.
    const multiIsRow = rowAxis.slots !== undefined;
    const slots = (multiIsRow ? rowAxis : columnAxis).slots!(snapshot.cols);
    const single = scratch(0, rows.length);
    (multiIsRow ? columnAxis : rowAxis).codesOfRows!(snapshot.cols, rows, single);
    const [multiTotals, singleTotals] = multiIsRow ? [rowTotals, columnTotals] : [columnTotals, rowTotals];
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const other = single[k]!;
      singleTotals[other]!++;
      for (let s = 0; s < slots.length; s++) {
        const code = slots[s]![row]!;
        if (code === 0 && s > 0) break; // the first slot's 0 is "none" (no referral); later ones are empty
        multiTotals[code]!++;
        cells[multiIsRow ? code * width + other : other * width + code]!++;
        if (code === 0) break;
      }
    }
  } else {
    const r = new Int32Array(MAX_CODES_PER_ROW);
    const c = new Int32Array(MAX_CODES_PER_ROW);
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const nr = rowAxis.codesOf(snapshot.cols, row, r);
      const nc = columnAxis.codesOf(snapshot.cols, row, c);
      for (let j = 0; j < nc; j++) columnTotals[c[j]!]!++;
      for (let i = 0; i < nr; i++) {
        const base = r[i]! * width;
        rowTotals[r[i]!]!++;
        for (let j = 0; j < nc; j++) cells[base + c[j]!]!++;
      }
    }
  }

  // Only rows and columns with contacts, in the axis' order.
  const shownRows = rowAxis.headers().filter((h) => rowTotals[h.code]! > 0);
  const shownColumns = columnAxis.headers().filter((h) => columnTotals[h.code]! > 0);
  const imported = await importedNotIncludedIn(ctx, input, filters, catalog.topics, catalog.settings.openingDate);
  return {
    generatedAt: new Date(ctx.now()).toISOString(),
    period: { from: input.from, to: input.to, days: daysBetween(input.from, input.to) },
    filters,
    rowDimension: input.rows,
    columnDimension: input.columns,
    rows: shownRows.map((h) => h.header),
    columns: shownColumns.map((h) => h.header),
    cells: shownRows.map((h) => shownColumns.map((col) => cells[h.code * width + col.code]!)),
    rowTotals: shownRows.map((h) => rowTotals[h.code]!),
    columnTotals: shownColumns.map((h) => columnTotals[h.code]!),
    total: rows.length,
    multiValued: [input.rows, input.columns].filter((d) => MULTI_VALUED_DIMENSIONS.includes(d)),
    importedNotIncluded: imported,
  };
}

/** Imported monthly counts of the period the filter would let through: a pivot leaves them out (no day, language, …). */
async function importedNotIncludedIn(
  ctx: CoreContext,
  input: PivotInput,
  filters: ReturnType<typeof resolveFilters>,
  topics: Parameters<typeof importedMatching>[2],
  openingDate: string,
): Promise<number> {
  const counts = await readImportedCounts(ctx, input.from.slice(0, 7), input.to.slice(0, 7));
  return importedIn(importedMatching(counts, filters, topics).kept, input.from, input.to, openingDate).total;
}
