import type { ReportFilters } from '../analysis/filter-inputs';
import type { PublicationMethod } from '../publication/publication-inputs';

/**
 * Saved report views (issue 16), zod-free so the renderer can list the choices and resolve a
 * view's period with the same code (core/views/period-rules.ts).
 */

/** Periods that move with "today": resolved against the site's local today when the view is opened. */
export const RELATIVE_PERIOD_KINDS = ['thisMonth', 'lastMonth', 'thisQuarter', 'lastQuarter', 'thisYear', 'lastYear', 'sinceOpening', 'last12Months'] as const;
export type RelativePeriodKind = (typeof RELATIVE_PERIOD_KINDS)[number];

/** A view's period: a rule that moves with today, or a fixed range of days (both included). */
export type PeriodRule = { kind: RelativePeriodKind } | { kind: 'fixed'; from: string; to: string };

/** The parts of a report a view shows, in the report's order. */
export const REPORT_SECTIONS = [
  'headline',
  'comparisons',
  'monthly',
  'series',
  'topics',
  'referrals',
  'languages',
  'channels',
  'askers',
  'desks',
  'themeDays',
  'sdg',
  'heatmap',
  'openHours',
  'crossTable',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The longest name of a view: fits a list row and a file name. */
export const VIEW_NAME_MAX = 80;

/** The most views a site keeps: far more than any management area lists usefully. */
export const MAX_SAVED_VIEWS = 200;

export interface SavedView {
  id: number;
  name: string;
  period: PeriodRule;
  filters: ReportFilters;
  sections: ReportSection[];
  /** Publication mode (README, "Publication mode"); with `suppression` never together with filters. */
  publication: boolean;
  /** How publication mode protects people: the cell-key method (default) or small-cell suppression. Kept when publication is off. */
  publicationMethod: PublicationMethod;
  /** Topics shown as their topic groups (Themencluster). */
  topicGroups: boolean;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
}
