import type { Cell } from '../publication/cell-key';
import type { Dimension } from '../rollups/rollup-keys';

/** Counts per dimension, by catalog id (the enum's index for channel and who asked; 0 for `referred`). */
export type Counts = Map<Dimension, Map<number, number>>;
/** Per local day (YYYY-MM-DD), contacts in each of its 24 hours. */
export type HourCounts = Map<string, number[]>;

/** Contacts per UN goal: once per goal any of their topics carries (the catalog's goals now), and contacts with at least one. */
export interface GoalCounts {
  perGoal: Map<number, number>;
  contacts: number;
}

/** The counted figures of a period. */
export interface PeriodFigures {
  counts: Counts;
  goals: GoalCounts;
  /** Contacts with a known hour, per day and hour. */
  hourly: HourCounts;
  /** Contacts per day, including those known by day only. */
  daily: Map<string, number>;
}

/**
 * What a report counts over its own period, and beside it the same shape of cell keys
 * (core/publication/cell-key.ts): at each place where `counts`, `goals`, `hourly` and `daily` hold a
 * count, `keys` holds the sum of those contacts' record keys modulo 2^32 (a contact counted twice adds
 * its key twice). A count of 0 may have no key entry (read as 0). Publication mode's cell-key method
 * publishes each count from the two.
 */
export interface PeriodCounts extends PeriodFigures {
  keys: PeriodFigures;
}

/** Contacts per day and hour on some days, with their key sums in the same shape. */
export interface KeyedHours {
  counts: HourCounts;
  keys: HourCounts;
}

/**
 * Where a report's counts come from: the rollups (every contact, no filter; what a report uses while
 * the analysis store is still loading) or the in-memory analysis store (any filter). Both answer the
 * same questions with the same figures and the same key sums; test/analysis proves it against a plain recount.
 */
export interface CountSource {
  period(from: string, to: string): Promise<PeriodCounts>;
  /** Contacts per hour on a few given days (the ordinary days a theme day is compared with). */
  hourly(days: readonly string[]): Promise<KeyedHours>;
  /** Contacts in a period and their key sum. */
  total(from: string, to: string): Promise<Cell>;
}
