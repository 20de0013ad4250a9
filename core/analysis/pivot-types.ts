import type { ReportPeriod } from '../reports/report-types';
import type { ResolvedFilterClause } from './filter-inputs';
import type { PivotDimension } from './pivot-inputs';

/** A row or column of a pivot: a catalog id, an enum value, a month/week/weekday/hour, or `none` (no referral, no theme day, no known hour). */
export interface PivotHeader {
  key: number | string;
  label: { de: string; en: string };
  retired?: boolean;
}

/**
 * Two dimensions against each other over the contacts of a period that match the filters (issue 16).
 * Totals count contacts, each once: `rowTotals[i]` the contacts in row i (whatever their column),
 * `columnTotals[j]` those in column j, `total` all of them. When a dimension can hold several values
 * per contact (`multiValued`), a contact is in several of its rows or columns, so the cells of a row can
 * add up to more than its total; otherwise cells add up to the totals exactly.
 * Imported monthly counts (no day, hour, language, …) are never in a pivot: `importedNotIncluded`.
 */
export interface Pivot {
  generatedAt: string;
  period: ReportPeriod;
  filters: ResolvedFilterClause[];
  rowDimension: PivotDimension;
  columnDimension: PivotDimension;
  rows: PivotHeader[];
  columns: PivotHeader[];
  /** cells[i][j]: contacts in row i and column j. Only rows and columns with at least one contact are listed. */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /** Which of the two dimensions can hold several values per contact. */
  multiValued: PivotDimension[];
  /** Contacts from imported monthly counts in the period, left out of the pivot. */
  importedNotIncluded: number;
  /**
   * Publication mode: every cell, total and `importedNotIncluded` is published by the cell-key method
   * (a true count plus a consistent deviation of at most ±2; totals are cells of their own).
   */
  publication: boolean;
}
