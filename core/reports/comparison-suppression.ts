import type { Comparison, Report } from './report-types';
import { isSmall } from './bounds-check';

/**
 * Publication mode for the comparisons' own figures. A change (delta or percentage) against a
 * compared period gives that period's total away next to a shown report total, so a small compared
 * total is hidden together with both. `smallBase` is then false, since it would narrow down the
 * hidden count (below 10) where the threshold is higher. A zero stays, as everywhere. (A hidden
 * report total hides the changes too; `applyPublicationMode` does that.)
 */
export function suppressComparison(c: Comparison, threshold: number): Comparison {
  if (c.total === null || !isSmall(c.total, threshold)) return c;
  return { ...c, total: null, delta: null, deltaPct: null, smallBase: false };
}

export const suppressComparisons = (comparisons: Report['comparisons'], threshold: number): Report['comparisons'] => ({
  previousPeriod: suppressComparison(comparisons.previousPeriod, threshold),
  yearBefore: suppressComparison(comparisons.yearBefore, threshold),
});
