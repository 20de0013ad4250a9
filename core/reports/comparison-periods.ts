/**
 * Which earlier periods a report compares with, and when it may not compare at all (README,
 * "Comparisons"). Pure: the period, "today" (the site's local day) and the opening date decide.
 *
 * The rules, for a period `from … to`:
 * - **Elapsed part.** A period compares only its days up to and including today (`current`): a
 *   period that runs past today, or ends today, is compared by what has happened so far, and the
 *   compared period is cut to match. Today counts whole on both sides, though it is still going on.
 * - **Month-wise** when `from` is the 1st of a month: the compared period starts N months earlier
 *   (N = the calendar months the period touches; 12 for the year before) and ends on the same day of
 *   the month as the elapsed part, clamped to that month's length; a month's last day maps to the
 *   other month's last day. So 1–2 Dec → 1–2 Nov, 1–31 Mar → 1–28 Feb, 1 Jun–31 Jan → 1 Oct–31 May.
 * - **Day-wise** otherwise: the period of the same length just before (its first elapsed days), and
 *   the same days a year earlier (29 February → 28 February).
 * - **Opening date.** A compared period that ends before the opening is not compared; one that
 *   starts before it is cut at the opening (partial) and not compared either: it is shorter.
 */
import { addDays, anchorDay, daysBetween, lastDayOfMonth, monthsOf, yearEarlier } from './calendar-days';
import type { Comparison, ComparisonBasis, NotComparableReason, ReportPeriod } from './report-types';

/** Below this many contacts in the compared period, a percentage says more about chance than change. */
export const SMALL_BASE = 10;

export interface ComparisonSpan {
  basis: ComparisonBasis;
  running: boolean;
  /** This period's part that is compared. */
  current: { from: string; to: string };
  /** The compared period, cut at the opening date when `partial`. */
  compared: { from: string; to: string };
  partial: boolean;
  /** Why no change is computed, or null; `importedMonthSplit` is added later, it needs the imported months. */
  reason: NotComparableReason | null;
}

const isMonthEnd = (day: string) => day === lastDayOfMonth(day.slice(0, 7));

/** The same day `by` months away; past the target month's end it is clamped, and a month's last day stays a last day. */
export function shiftMonths(day: string, by: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const end = lastDayOfMonth(month);
  if (isMonthEnd(day)) return end;
  const candidate = `${month}-${day.slice(8)}`;
  return candidate > end ? end : candidate;
}

function span(kind: 'previousPeriod' | 'yearBefore', from: string, to: string, today: string, openingDate: string): ComparisonSpan {
  const started = from <= today;
  const end = started && today < to ? today : to;
  const running = started && today <= to;
  let basis: ComparisonBasis;
  let compared: { from: string; to: string };
  if (from.endsWith('-01')) {
    const months = kind === 'yearBefore' ? 12 : monthsOf(from, to).length;
    basis = isMonthEnd(end) ? 'wholeMonths' : 'monthDays';
    compared = { from: shiftMonths(from, -months), to: shiftMonths(end, -months) };
  } else {
    basis = 'days';
    compared =
      kind === 'yearBefore'
        ? { from: yearEarlier(from), to: yearEarlier(end) }
        : { from: addDays(from, -daysBetween(from, to)), to: addDays(from, -daysBetween(from, to) + daysBetween(from, end) - 1) };
  }
  const current = { from, to: end };
  const base = { basis, running, current, compared, partial: false };
  if (!started) return { ...base, reason: 'notStarted' };
  if (compared.to < openingDate) return { ...base, reason: 'beforeOpening' };
  if (compared.from < openingDate) return { ...base, compared: { ...compared, from: openingDate }, partial: true, reason: 'startsBeforeOpening' };
  return { ...base, reason: null };
}

/** The report's two comparisons: the period just before, and the same period a year earlier. */
export function comparisonSpans(from: string, to: string, today: string, openingDate: string): { previousPeriod: ComparisonSpan; yearBefore: ComparisonSpan } {
  return { previousPeriod: span('previousPeriod', from, to, today, openingDate), yearBefore: span('yearBefore', from, to, today, openingDate) };
}

/** Whether a compared span's total can be counted at all (a period before the opening, or not yet begun, has none to show). */
export const isCounted = (s: ComparisonSpan) => s.reason === null || s.reason === 'startsBeforeOpening';

/**
 * Does a span hold an imported month (monthly counts have no days; they count whole on the month's
 * anchor day, see imported-counts) without holding all of it? Then its total is not like with like.
 */
export function splitsImportedMonth(s: { from: string; to: string }, importedMonths: Iterable<string>, openingDate: string): boolean {
  for (const month of importedMonths) {
    const anchor = anchorDay(month, openingDate);
    if (anchor >= s.from && anchor <= s.to && lastDayOfMonth(month) > s.to) return true;
  }
  return false;
}

const reportPeriod = (p: { from: string; to: string }): ReportPeriod => ({ ...p, days: daysBetween(p.from, p.to) });

/**
 * The comparison as the report gives it. `currentTotal` is this period's total (it equals the
 * elapsed part's: contacts cannot lie in the future); `comparedTotal` the compared span's, or null
 * when it is not counted.
 */
export function comparisonOf(s: ComparisonSpan, currentTotal: number, comparedTotal: number | null, splitsImported: boolean): Comparison {
  const reason = s.reason ?? (splitsImported ? 'importedMonthSplit' : null);
  const common = { period: reportPeriod(s.compared), current: reportPeriod(s.current), basis: s.basis, running: s.running, partial: s.partial };
  if (reason !== null || comparedTotal === null) {
    return { ...common, comparable: false, reason, total: isCounted(s) ? comparedTotal : null, delta: null, deltaPct: null, smallBase: false };
  }
  const smallBase = comparedTotal < SMALL_BASE;
  const deltaPct = smallBase ? null : Math.round(((currentTotal - comparedTotal) / comparedTotal) * 1000) / 10;
  return { ...common, comparable: true, reason: null, total: comparedTotal, delta: currentTotal - comparedTotal, deltaPct, smallBase };
}
