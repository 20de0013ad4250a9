import { PIVOT_DIMENSIONS, type PivotDimension } from '../../core/analysis/pivot-inputs';

/** The pivot tab's two dimensions in the address: `rows=topic&cols=language`. */
export interface PivotParams {
  rows: PivotDimension;
  columns: PivotDimension;
}

/** What a first visit shows: topics against languages, the question management asks most. */
export const DEFAULT_PIVOT: PivotParams = { rows: 'topic', columns: 'language' };

const isDimension = (s: string | null): s is PivotDimension => (PIVOT_DIMENSIONS as readonly (string | null)[]).includes(s);

/** Reads the dimensions; an unknown or missing one, or the same one twice, falls back to the default pair. */
export function pivotParams(q: URLSearchParams): PivotParams {
  const rows = q.get('rows');
  const columns = q.get('cols');
  const chosen = { rows: isDimension(rows) ? rows : DEFAULT_PIVOT.rows, columns: isDimension(columns) ? columns : DEFAULT_PIVOT.columns };
  if (chosen.rows !== chosen.columns) return chosen;
  // The same dimension twice is no question: keep the rows, take the first other dimension for the columns.
  return { rows: chosen.rows, columns: chosen.rows === DEFAULT_PIVOT.columns ? DEFAULT_PIVOT.rows : DEFAULT_PIVOT.columns };
}

export function writePivotParams(p: PivotParams, q: URLSearchParams): void {
  q.set('rows', p.rows);
  q.set('cols', p.columns);
}
