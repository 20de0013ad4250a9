/**
 * The report object: what `getReport` returns, what the reports screen and the print view render,
 * what `npm run report -- --format json` writes, and what the CSV/XLSX exports are made from.
 * Counts are `number | null`; `null` means suppressed in publication mode (shown as "·").
 */

import type { ClosedDay } from '../closures/closure-types';
import type { ResolvedFilterClause } from '../analysis/filter-inputs';
import type { PublicationMethod } from '../publication/publication-inputs';

export interface ReportPeriod {
  /** First local day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last local day, inclusive. */
  to: string;
  days: number;
}

export interface Label {
  de: string;
  en: string;
}

export interface BreakdownRow {
  /** Catalog id, or the enum value for channel / who asked. */
  key: number | string;
  label: Label;
  n: number | null;
  /** True for catalog entries retired since; their history still counts. */
  retired?: boolean;
  /** Topics only: the part of `n` from imported monthly counts; absent when none (and in publication mode). */
  imported?: number;
  /** Topic reports with `topicGroups`: the row is a topic group (key `group:ID`), of these topics. */
  group?: { id: number; topicIds: number[] };
}

export interface Breakdown {
  rows: BreakdownRow[];
  /** Sum of the rows; for topic mentions larger than the number of contacts. */
  total: number | null;
}

/**
 * Contacts per UN Sustainable Development Goal (README, "Beitrag zu den SDGs"): a contact counts once
 * for every goal one of its topics carries (the topics' goals as the catalog has them now), however
 * many of its topics carry that goal; a contact whose topics carry no goal is not counted.
 */
export interface SdgRow extends BreakdownRow {
  /** The goal's number, 1–17; `label` is "8 Menschenwürdige Arbeit und Wirtschaftswachstum". */
  key: number;
  /** The catalog's topics that carry the goal. */
  topicIds: number[];
}

export interface SdgBreakdown {
  /** Every goal a topic carries (retired topics only while they count), in goal order. */
  rows: SdgRow[];
  /** Sum of the rows: contact–goal pairs, more than `contacts` when contacts carry several goals. */
  total: number | null;
  /** Contacts whose topics carry at least one goal, each once. */
  contacts: number | null;
}

/** The grain of `Report.series`: by the period's length (README, "Series"). */
export type SeriesUnit = 'day' | 'week' | 'month';

export interface SeriesPoint {
  /** `2026-03-05` (day), `2026-W10` (ISO week, Monday to Sunday), `2026-03` (month). */
  key: string;
  /** The point's days within the period (a week or month cut at the period's ends is shorter). */
  from: string;
  to: string;
  /** Contacts on those days; in a daily or weekly series without imported monthly counts. */
  n: number | null;
}

export interface ReportSeries {
  unit: SeriesUnit;
  points: SeriesPoint[];
  /**
   * Daily and weekly series: the period's imported monthly counts (the report's `imported`), which
   * have no day and are in no point. Absent when none, and for the monthly series (its points include them).
   */
  importedNotInSeries?: number | null;
}

export interface MonthPoint {
  month: string; // YYYY-MM
  n: number | null;
  /**
   * Running total from the start of the period. `null` in publication mode when small, or where it
   * would let a reader compute or pin a suppressed month (running total minus the previous one).
   */
  cumulative: number | null;
  /**
   * The part of `n` from monthly counts imported from earlier tallies; absent when none. `null` in
   * publication mode when small or when it would reveal a hidden count (e.g. the month's recorded rest).
   */
  imported?: number | null;
}

/**
 * How the compared period was chosen (README, "Comparisons"): `wholeMonths` — whole calendar months
 * against as many whole months before (or the same months a year earlier); `monthDays` — a period
 * starting on the 1st but ending mid-month, against the same days of the month (clamped to the
 * month's end); `days` — any other period, against as many days just before (or the same days a
 * year earlier).
 */
export type ComparisonBasis = 'wholeMonths' | 'monthDays' | 'days';

/**
 * Why there is no change: the compared period lies before the opening date; it starts before it
 * (then `partial`, cut at the opening: shorter, so not compared); this period has not begun; or one
 * of the two holds only part of a month of imported monthly counts (which have no days).
 */
export type NotComparableReason = 'beforeOpening' | 'startsBeforeOpening' | 'notStarted' | 'importedMonthSplit';

export interface Comparison {
  /** The compared period; cut at the opening date when `partial`. */
  period: ReportPeriod;
  /** The part of this period that is compared: its days up to and including today (the whole period once it is over). */
  current: ReportPeriod;
  basis: ComparisonBasis;
  /** This period includes today, so only its days so far are compared. */
  running: boolean;
  /** The compared period started before the opening date and was cut there. */
  partial: boolean;
  /** False: no change is shown at all (`delta` and `deltaPct` null), for `reason`. */
  comparable: boolean;
  reason: NotComparableReason | null;
  /** Contacts in the compared period; null when it lies before the opening or this period has not begun, and in publication mode when small. */
  total: number | null;
  /** This period minus the compared one; null when not comparable, and in publication mode with a hidden `total`. */
  delta: number | null;
  /** Percent change, one decimal; null when not comparable, when `smallBase`, and with a hidden `total`. */
  deltaPct: number | null;
  /** The compared period had fewer than 10 contacts: the change is given as a number only, never as a percentage. */
  smallBase: boolean;
}

export interface ThemeDayComparison {
  themeDayId: number;
  title: string;
  organisation: string | null;
  /** Days of the period on which the theme day's hours had begun by now, the site being open (no public holiday or closure). */
  occurrences: number;
  /** Its hours on those days that have passed (a slot in progress counts its minutes so far), to two decimals. */
  hours: number;
  /** `null` in publication mode when small, or hidden with its `byThemeDay` row (the same count). */
  contacts: number | null;
  perOpenHour: number | null;
  /** The same hours on the 13 most recent days of the same weekday (up to the period's end) without a theme day, on which the site was open and those hours were over. */
  ordinaryHours: number;
  /** `null` in publication mode when small. */
  ordinaryContacts: number | null;
  ordinaryPerOpenHour: number | null;
  /** perOpenHour / ordinaryPerOpenHour; null when either is missing. */
  ratio: number | null;
}

/**
 * Topics × referral organisations. A cell counts the contacts with that topic (any of theirs) and a
 * referral to that organisation; the totals add cells up, so they count topic–referral pairs: a
 * contact with two topics and one referral is in two cells and counts twice in the grand total.
 */
export interface CrossTable {
  /** Topics; with `topicGroups`, topic groups (key `group:ID`, with `group`) and the topics in no group. */
  rows: { key: number | string; label: Label; group?: { id: number; topicIds: number[] } }[];
  columns: { key: number; label: Label }[]; // referral organisations
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export interface OpenSlotFigures {
  weekday: number;
  startHour: number;
  endHour: number;
  hours: number;
  /** From the heat map; null when a suppressed cell is part of the slot. */
  contacts: number | null;
  perOpenHour: number | null;
}

export interface Report {
  generatedAt: string;
  /** `setupPending`: the first-visit setup is not confirmed yet, so `openingDate` is a preset and the headline has no figure (README, "First visit"). */
  site: { name: string; timeZone: string; openingDate: string; setupPending?: boolean };
  period: ReportPeriod;
  /**
   * `enabled`: publication mode, by `method` (README, "Publication mode"): `cellKey` — every count is
   * its true value plus a consistent deviation of at most ±2 (never 1 or 2; totals are cells of their
   * own and need not equal the sum of their rows); `suppression` — small counts are `null`. `threshold`:
   * the suppression threshold (setting), used by `suppression` only.
   */
  publication: { enabled: boolean; threshold: number; method: PublicationMethod };
  /** Topics shown as topic groups: rows of `byTopic` and `topicReferrals` with a `group` are groups. */
  topicGroups?: boolean;
  /** The filter the report is restricted to (empty: every contact), each value with its label; printed on every page and export. */
  filters: ResolvedFilterClause[];
  /**
   * Contacts from imported monthly counts in the period that a filter left out: they have a topic and a month only, so
   * they count under a filter on topic, first topic or SDG goal and not under any other. Absent when none were left out.
   */
  importedNotIncluded?: number;
  /** Contacts that count (voided never do), including `imported`. `null` in publication mode when small. */
  total: number | null;
  /**
   * Of `total`, contacts from monthly counts imported from earlier tallies (README, "Import"). They
   * have no day, hour, language, channel or referral: they count in `total`, `monthly`, `byTopic`,
   * the comparisons and the headline, and nowhere else (so the other breakdowns and the heat map may
   * sum to less than `total`). Absent when none; `null` in publication mode when small or when it
   * would reveal a hidden count (README, "Publication mode").
   */
  imported?: number | null;
  monthly: MonthPoint[];
  /** Per day (periods up to 92 days), ISO week (up to 366 days) or month (longer): see `ReportSeries`. */
  series: ReportSeries;
  byTopic: {
    /** Each contact once, under its first topic: sums to `total`. */
    contacts: Breakdown;
    /** Every topic of every contact: a contact with two topics counts twice. */
    mentions: Breakdown;
  };
  /** Referrals named: a contact referred to two organisations counts once under each (and twice in the total). */
  byReferral: Breakdown;
  /** Contacts with at least one referral, each once. */
  contactsWithReferral: number | null;
  byLanguage: Breakdown;
  byChannel: Breakdown;
  byAsker: Breakdown;
  byDesk: Breakdown;
  byThemeDay: Breakdown;
  bySdg: SdgBreakdown;
  /** 7 rows (Monday … Sunday) × 24 columns (hour 0 … 23). */
  heatmap: (number | null)[][];
  /**
   * Contacts per open hour (README, "Contacts per open hour"). An open hour is an hour of the weekly
   * opening hours, from the opening date, that has ended by the time the report is made (a slot in
   * progress counts the minutes that have passed), on a day the site was not closed (an Austrian
   * public holiday or one of the site's own closures, core/closures).
   */
  openHours: {
    /** Open hours in the period, to two decimals. */
    hours: number;
    /**
     * The contacts perOpenHour is taken from: those with a known hour (imported monthly counts and
     * day-only imports have none); the heat map's total. `null` in publication mode when small or
     * when it would reveal a hidden count, and `perOpenHour` with it.
     */
    contacts: number | null;
    perOpenHour: number | null;
    /** Each weekly opening slot: its open hours in the period (counted as `hours`) and the contacts in them. */
    bySlot: OpenSlotFigures[];
    /** Days of the period with weekly opening hours (begun by now) on which the site was closed: their hours are not in `hours`. */
    closedDays: number;
    /** Those days, oldest first, with the holiday's name or the closure's note. */
    closed: ClosedDay[];
    /** Per weekday, Monday first: the open days of the period (opening hours begun by now, not closed); the heat map sums over these. */
    openDays: number[];
  };
  comparisons: { previousPeriod: Comparison; yearBefore: Comparison };
  themeDays: ThemeDayComparison[];
  topicReferrals: CrossTable;
  /** `sinceOpening.total` is `null` in publication mode when small or when it exceeds `total` by a small count; the texts then say "·". */
  /** `pending` (and `sinceOpening.total` null) while the first-visit setup is not confirmed. */
  headline: { de: string; en: string; sinceOpening: { from: string; total: number | null; months: number }; pending?: true };
}
