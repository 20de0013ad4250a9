import { createContext, useContext } from 'react';
import type { FilterDimension } from '../../core/analysis/filter-inputs';

/**
 * Drill-down: a bar or a table row's name adds its value to the report filter. The report tab provides it;
 * the print view and publication by suppression do not, and then names are plain text.
 */
export interface Drill {
  /** Adds the value to the filter (a new history entry); nothing when it is already there. */
  drill(dimension: FilterDimension, value: number | string): void;
  /** Whether the filter already asks for this value (then there is nothing to add). */
  filtered(dimension: FilterDimension, value: number | string): boolean;
}

export const DrillContext = createContext<Drill | null>(null);

export const useDrill = () => useContext(DrillContext);
