/**
 * The report object: what `getReport` returns, what the reports screen and the print view render,
 * what `npm run report -- --format json` writes, and what the CSV/XLSX exports are made from.
 * Counts are `number | null`; `null` means suppressed in publication mode (shown as "·").
 */

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
}

export interface Breakdown {
  rows: BreakdownRow[];
  /** Sum of the rows; for topic mentions larger than the number of contacts. */
  total: number | null;
}

export interface MonthPoint {
  month: string; // YYYY-MM
  n: number | null;
  /**
   * Running total from the start of the period. `null` in publication mode where it would let a
   * reader compute a suppressed month (running total minus the previous one).
   */
  cumulative: number | null;
  /**
   * The part of `n` from monthly counts imported from earlier tallies; absent when none. `null` in
   * publication mode when it would reveal a hidden count.
   */
  imported?: number | null;
}

export interface Comparison {
  period: ReportPeriod;
  total: number;
  /** This period minus the compared one. */
  delta: number;
  /** Percent change; null when the compared period had no contacts. */
  deltaPct: number | null;
}

export interface ThemeDayComparison {
  themeDayId: number;
  title: string;
  organisation: string | null;
  /** Slots (theme-day occurrences) in the period. */
  occurrences: number;
  hours: number;
  /** `null` in publication mode when small, or hidden with its `byThemeDay` row (the same count). */
  contacts: number | null;
  perOpenHour: number | null;
  /** The same hours on the 13 most recent days of the same weekday (up to the period's end) without a theme day. */
  ordinaryHours: number;
  /** `null` in publication mode when small. */
  ordinaryContacts: number | null;
  ordinaryPerOpenHour: number | null;
  /** perOpenHour / ordinaryPerOpenHour; null when either is missing. */
  ratio: number | null;
}

export interface CrossTable {
  rows: { key: number; label: Label }[]; // topics
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
  site: { name: string; timeZone: string; openingDate: string };
  period: ReportPeriod;
  publication: { enabled: boolean; threshold: number };
  /** Contacts that count (voided never do), including `imported`. */
  total: number;
  /**
   * Of `total`, contacts from monthly counts imported from earlier tallies (README, "Import"). They
   * have no day, hour, language, channel or referral: they count in `total`, `monthly`, `byTopic`,
   * the comparisons and the headline, and nowhere else (so the other breakdowns and the heat map may
   * sum to less than `total`). Absent when none; `null` in publication mode when small.
   */
  imported?: number | null;
  monthly: MonthPoint[];
  byTopic: {
    /** Each contact once, under its first topic: sums to `total`. */
    contacts: Breakdown;
    /** Every topic of every contact: a contact with two topics counts twice. */
    mentions: Breakdown;
  };
  byReferral: Breakdown;
  byLanguage: Breakdown;
  byChannel: Breakdown;
  byAsker: Breakdown;
  byDesk: Breakdown;
  byThemeDay: Breakdown;
  /** 7 rows (Monday … Sunday) × 24 columns (hour 0 … 23). */
  heatmap: (number | null)[][];
  openHours: {
    hours: number;
    /** The contacts perOpenHour is taken from: those with a known hour (imported monthly counts and day-only imports have none). */
    contacts: number;
    perOpenHour: number | null;
    /** Each weekly opening slot: its hours in the period (days that have happened, from opening) and the contacts in them. */
    bySlot: OpenSlotFigures[];
  };
  comparisons: { previousPeriod: Comparison; yearBefore: Comparison };
  themeDays: ThemeDayComparison[];
  topicReferrals: CrossTable;
  headline: { de: string; en: string; sinceOpening: { from: string; total: number; months: number } };
}
