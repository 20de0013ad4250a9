import type { CrossTable } from '../../core/reports/report-types';
import { luminanceContrast, relativeLuminance } from '../ui/text-contrast';

/** Pure helpers that shape report data for the HTML tables (heat map, cross-table, open hours). */

/** The hours worth a heat-map column: from the first to the last hour with anything in it (suppressed counts too), at least 8–18. */
export function heatmapHours(heatmap: (number | null)[][]): number[] {
  let first = 8;
  let last = 17;
  for (const row of heatmap) {
    row.forEach((n, h) => {
      if (n !== 0) {
        first = Math.min(first, h);
        last = Math.max(last, h);
      }
    });
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** A cell's shade from 0 (none) to 1 (the busiest cell); suppressed cells get a neutral pattern instead. */
export function heatShade(n: number | null, max: number): number | null {
  if (n === null) return null;
  return max > 0 ? n / max : 0;
}

/**
 * Background and text colour for a shade, from almost white to the accent blue (#1d5f8a). The text is
 * black or white, whichever contrasts more; one of the two always reaches 4.5 : 1.
 */
export function heatColors(shade: number): { backgroundColor: string; color: string } {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * shade);
  const rgb: [number, number, number] = [mix(246, 29), mix(249, 95), mix(252, 138)];
  const l = relativeLuminance(rgb);
  return { backgroundColor: `rgb(${rgb.join(' ')})`, color: luminanceContrast(l, 1) >= luminanceContrast(l, 0) ? '#ffffff' : '#000000' };
}

export const heatmapMax = (heatmap: (number | null)[][]) => Math.max(0, ...heatmap.flat().map((n) => n ?? 0));

/** The cross-table without topics and organisations that have no contacts at all in the period. */
export function trimCrossTable(table: CrossTable): CrossTable {
  const rowKeep = table.rows.map((_, r) => table.rowTotals[r] !== 0);
  const colKeep = table.columns.map((_, c) => table.columnTotals[c] !== 0);
  return {
    rows: table.rows.filter((_, r) => rowKeep[r]),
    columns: table.columns.filter((_, c) => colKeep[c]),
    cells: table.cells.filter((_, r) => rowKeep[r]).map((row) => row.filter((_, c) => colKeep[c])),
    rowTotals: table.rowTotals.filter((_, r) => rowKeep[r]),
    columnTotals: table.columnTotals.filter((_, c) => colKeep[c]),
    total: table.total,
  };
}
