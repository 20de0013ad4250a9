import type { Label } from '../reports/report-types';

/** The statutory public holidays of Austria (core/closures/austrian-holidays.ts). */
export type PublicHolidayKey =
  | 'neujahr'
  | 'heiligeDreiKoenige'
  | 'ostersonntag'
  | 'ostermontag'
  | 'staatsfeiertag'
  | 'christiHimmelfahrt'
  | 'pfingstsonntag'
  | 'pfingstmontag'
  | 'fronleichnam'
  | 'mariaeHimmelfahrt'
  | 'nationalfeiertag'
  | 'allerheiligen'
  | 'mariaeEmpfaengnis'
  | 'christtag'
  | 'stefanitag';

export interface PublicHoliday {
  key: PublicHolidayKey;
  day: string;
  name: Label;
}

/**
 * `closed`: the site was (or will be) closed on these days, e.g. "Weihnachtspause".
 * `open`: the site opened on these days although they are public holidays or inside a closure;
 * this entry wins over both.
 */
export type ClosureKind = 'closed' | 'open';

/** One entry of the site's own closure calendar: a single day (`from` = `to`) or a range, inclusive. */
export interface Closure {
  id: number;
  from: string;
  to: string;
  note: string;
  kind: ClosureKind;
}

/** A day with weekly opening hours on which the site was closed, and why. */
export interface ClosedDay {
  day: string;
  reason: 'holiday' | 'closure';
  /** The holiday's name, or the note of the site's closure (the same in both languages). */
  name: Label;
}

/** What the closure calendar of the management area shows: the year's public holidays and every own entry. */
export interface ClosureList {
  year: number;
  /** The public holidays of `year`; `openedBy` names the `open` entry that overrides one, if any. */
  holidays: (PublicHoliday & { openedBy: number | null })[];
  /** All of the site's own entries, newest first (by their first day). */
  closures: Closure[];
}

/** The longest closure one entry may cover; longer ones are surely a typo in a year. */
export const MAX_CLOSURE_DAYS = 366;
/** The most entries a site keeps; a report reads all of them. */
export const MAX_CLOSURES = 2000;
export const CLOSURE_NOTE_MAX = 80;
/** Closures lie within the years a report can show (from EARLIEST_DAY). */
export const LATEST_CLOSURE_DAY = '2099-12-31';
