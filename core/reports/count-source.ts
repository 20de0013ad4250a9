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

/** What a report counts over its own period. */
export interface PeriodCounts {
  counts: Counts;
  goals: GoalCounts;
  /** Contacts with a known hour, per day and hour. */
  hourly: HourCounts;
  /** Contacts per day, including those known by day only. */
  daily: Map<string, number>;
}

/**
 * Where a report's counts come from: the rollups (every contact, no filter; what a report uses while
 * the analysis store is still loading) or the in-memory analysis store (any filter). Both answer the
 * same questions with the same figures; test/analysis proves it against a plain recount.
 */
export interface CountSource {
  period(from: string, to: string): Promise<PeriodCounts>;
  /** Contacts per hour on a few given days (the ordinary days a theme day is compared with). */
  hourly(days: readonly string[]): Promise<HourCounts>;
  total(from: string, to: string): Promise<number>;
}
