import { localParts } from '../../core/time/local-parts';
import { calendarPeriod, resolvePeriodRule } from '../../core/views/period-rules';
import type { ReportFilters } from '../../core/analysis/filter-inputs';
import type { PublicationMethod } from '../../core/publication/publication-inputs';

/** The period picker's quick choices, computed from "today" in the site's time zone; pure so it can be tested. */

export const QUICK_PERIODS = ['thisMonth', 'lastMonth', 'thisYear', 'sinceOpening'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

export interface Period {
  from: string;
  to: string;
}

export interface ReportRequest extends Period {
  publication: boolean;
  /** With `publication`: how counts are protected; absent: the cell-key method (the core's default). */
  publicationMethod?: PublicationMethod;
  /** Topics shown as their topic groups (Themencluster), in any mode. */
  topicGroups?: boolean;
  /** The report filter; absent or empty: every contact. Never with publication by suppression (the core refuses that). */
  filters?: ReportFilters;
}

/** Whether filters (and so drill-down and the pivot) are refused: only publication by small-cell suppression refuses them. */
export const filtersRefused = (r: { publication: boolean; publicationMethod?: PublicationMethod }) => r.publication && r.publicationMethod === 'suppression';

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return localParts(now.getTime(), timeZone).day;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/**
 * A quick choice as from/to: the saved views' period rules (core/views/period-rules.ts), so the
 * screen and a saved view agree. Periods never reach past today nor start before the opening date.
 * Where the rule has no days yet (the opening date still ahead, or "last month" in the opening
 * month), the screen still needs a period: "since opening" becomes today alone, as before, and a
 * calendar choice its plain calendar span.
 */
export function quickPeriod(kind: QuickPeriod, today: string, openingDate: string): Period {
  try {
    return resolvePeriodRule({ kind }, today, openingDate);
  } catch {
    return kind === 'sinceOpening' ? { from: today, to: today } : calendarPeriod(kind, today, openingDate);
  }
}

/** Which quick choice (if any) a period equals. */
export function matchingQuickPeriod(period: Period, today: string, openingDate: string): QuickPeriod | null {
  return (
    QUICK_PERIODS.find((k) => {
      const q = quickPeriod(k, today, openingDate);
      return q.from === period.from && q.to === period.to;
    }) ?? null
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (s: string | null | undefined): s is string => !!s && DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const validPeriod = (p: Partial<Period>): p is Period => isDay(p.from) && isDay(p.to) && p.from! <= p.to!;
