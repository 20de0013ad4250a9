import type { Breakdown, BreakdownRow } from './report-types';

/**
 * How a breakdown's rows are shown, the same on screen (renderer/reports) and on the page for the
 * town's website (core/exports/report-html*.ts). Pure: the renderer imports it.
 */

/** Rows worth showing: retired entries only while they still count in the period. */
export const visibleRows = (b: Breakdown): BreakdownRow[] => b.rows.filter((r) => !r.retired || r.n !== 0);

/** Largest first; suppressed rows (size unknown) last, in their given order. */
export const byCountDesc = (rows: BreakdownRow[]): BreakdownRow[] =>
  rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      if ((a.row.n === null) !== (b.row.n === null)) return a.row.n === null ? 1 : -1;
      return (b.row.n ?? 0) - (a.row.n ?? 0) || a.i - b.i;
    })
    .map((x) => x.row);
