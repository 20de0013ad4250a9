/**
 * Publication mode for a daily or weekly series (`Report.series`; a monthly series is the monthly
 * table itself, published the same). The points are tied to what else is published, over the model of
 * `bounds-check.ts`, after the monthly series and the heat map are suppressed (their shown and hidden
 * entries are taken as they are). Entries and lines:
 *
 *   month k:     Σ days of month k in the period (+ its imported part) = the month's count
 *   stretch:     Σ months between two shown running totals = their difference (known)
 *   imported:    Σ imported parts = the imported total
 *   daily:       Σ days of weekday w = that weekday's contacts (the heat map's weekday row, plus the
 *                contacts known by day only); Σ weekdays = the recorded contacts
 *   weekly:      Σ fragments of week w = week w, where a fragment is the part of a week in one month
 *                (never published: a week across a month's end splits its count); Σ weeks = recorded
 *
 * Every entry lies on at most two lines and the signed graph is balanced (day: month lines and
 * stretches on one side, weekday lines, the imported and the recorded line on the other; week: months
 * and stretches, against weeks, imported and recorded), as the bounds check needs. A weekday's
 * contacts are known when its heat-map row is all shown and nothing is known by day only; with a
 * hidden cell in the row they must stay open here too, or the days would pin that cell. The points
 * are hidden when small, then as partners, until no hidden count can be pinned.
 */
import { figures, hide, shown, type Line, type Role } from './bounds-check';
import { eachDay, weekdayOf } from './calendar-days';
import type { MonthPoint, ReportSeries } from './report-types';
import { known, protect } from './suppression-tables';
import type { SharedCount } from './monthly-suppression';

export interface SeriesContext {
  threshold: number;
  /** The monthly series before and after publication mode. */
  monthly: { original: MonthPoint[]; published: MonthPoint[] };
  /** The imported total as published (undefined without imports). */
  importedPublished: number | null | undefined;
  /** The recorded contacts (total − imported), as the other tables publish them. */
  recorded: SharedCount;
  /** The heat map as published, and the contacts known by day only (no hour). */
  heatmap: (number | null)[][];
  dayOnly: number;
  /** Recorded contacts per day: a weekly series needs them (a week across a month's end is split by them). */
  daily?: Map<string, number>;
}

export function suppressReportSeries(series: ReportSeries, c: SeriesContext): ReportSeries {
  if (series.unit === 'month') {
    // The same counts as the monthly table: shown and hidden alike.
    return { ...series, points: series.points.map((p, k) => ({ ...p, n: c.monthly.published[k]?.n ?? null })) };
  }
  const importedNotInSeries = series.importedNotInSeries === undefined ? {} : { importedNotInSeries: c.importedPublished ?? null };
  const daily = c.daily;
  // Without the days a week's split across months is unknown: nothing of the series is published then.
  if (series.unit === 'week' && !daily) return { ...series, points: series.points.map((p) => ({ ...p, n: null })), ...importedNotInSeries };
  const values: number[] = [];
  const roles: Role[] = [];
  const lines: Line[] = [];
  const pinned: number[] = [];
  const lowerBounds = new Map<number, number>();
  const hideFirst: number[] = [];
  const add = (value: number, role: Role) => (roles.push(role), values.push(value) - 1);

  // The published points (days or weeks), then the parts of them that lie in each month.
  const points = series.points.map((p) => add(known(p.n), 'count'));
  const months = c.monthly.original.map((m) => m.month);
  const monthMembers: number[][] = months.map(() => []);
  const monthOf = (day: string) => months.indexOf(day.slice(0, 7));
  if (series.unit === 'day') {
    series.points.forEach((p, i) => monthMembers[monthOf(p.from)]!.push(points[i]!));
  } else {
    series.points.forEach((p, i) => {
      const fragments = new Map<number, number>(); // month index → entry
      for (const day of eachDay(p.from, p.to)) {
        const k = monthOf(day);
        if (!fragments.has(k)) fragments.set(k, add(0, 'unpublished'));
        values[fragments.get(k)!]! += daily!.get(day) ?? 0;
      }
      lines.push({ members: [...fragments.values()], sum: points[i]! });
      for (const [k, at] of fragments) monthMembers[k]!.push(at);
    });
  }

  // Months, their imported parts and the stretches between shown running totals.
  const { original, published } = c.monthly;
  const monthAt = original.map((m, k) => {
    const at = add(known(m.n), 'count');
    (published[k]!.n === null ? hideFirst : pinned).push(at);
    return at;
  });
  const importedAt: number[] = [];
  original.forEach((m, k) => {
    if ((m.imported ?? 0) === 0) return;
    const at = add(known(m.imported!), 'count');
    (published[k]!.imported === null ? hideFirst : pinned).push(at);
    monthMembers[k]!.push(at);
    importedAt.push(at);
  });
  monthMembers.forEach((members, k) => lines.push({ members, sum: monthAt[k]! }));
  let stretch: number[] = [];
  original.forEach((_m, k) => {
    stretch.push(monthAt[k]!);
    const last = k === original.length - 1;
    if (published[k]!.cumulative === null && !last) return;
    const at = add(
      stretch.reduce((s, i) => s + values[i]!, 0),
      'total',
    );
    lines.push({ members: stretch, sum: at });
    // A hidden report total: a reader may only learn that it might be larger (as for the monthly series).
    if (published[k]!.cumulative === null) hideFirst.push(at), lowerBounds.set(at, values[at]!);
    else pinned.push(at);
    stretch = [];
  });
  if (importedAt.length > 0) {
    const at = add(
      importedAt.reduce((s, i) => s + values[i]!, 0),
      'total',
    );
    lines.push({ members: importedAt, sum: at });
    (c.importedPublished === null ? hideFirst : pinned).push(at);
  }

  // The recorded contacts: the sum of the weeks, or of the weekdays' contacts.
  let recordedMembers = series.unit === 'week' ? points : [];
  if (series.unit === 'day') recordedMembers = weekdayEntries(series, points, c.heatmap, c.dayOnly, { add, lines, pinned, hideFirst, lowerBounds });
  const recordedAt = add(c.recorded.count, 'total');
  lines.push({ members: recordedMembers, sum: recordedAt });
  if (c.recorded.isPublic) pinned.push(recordedAt);
  else hideFirst.push(recordedAt), lowerBounds.set(recordedAt, c.recorded.atLeast);

  const f = figures(values, lines, { threshold: c.threshold, roles, pinned, lowerBounds });
  hideFirst.forEach((i) => hide(f, i));
  // What nothing here can keep open is a count other tables publish anyway (a weekday of a one-week
  // period whose heat-map row is shown, a month with one day in the period): left as it is.
  protect(f);
  return { ...series, points: series.points.map((p, i) => ({ ...p, n: shown(f, points[i]!) })), ...importedNotInSeries };
}

/** Daily series: one entry per weekday of the period, the sum of its days (see above); returns them. */
function weekdayEntries(
  series: ReportSeries,
  points: number[],
  heatmap: (number | null)[][],
  dayOnly: number,
  m: { add(value: number, role: Role): number; lines: Line[]; pinned: number[]; hideFirst: number[]; lowerBounds: Map<number, number> },
): number[] {
  const byWeekday = new Map<number, number[]>(); // weekday → indices of its points
  series.points.forEach((p, i) => byWeekday.set(weekdayOf(p.from), [...(byWeekday.get(weekdayOf(p.from)) ?? []), i]));
  return [...byWeekday].map(([weekday, indices]) => {
    const row = heatmap[weekday - 1] ?? [];
    const rowHidden = row.some((n) => n === null);
    const value = indices.reduce((s, i) => s + known(series.points[i]!.n), 0);
    // A hidden cell in the row: the weekday's contacts must stay open, or the days would pin the cell.
    const role: Role = rowHidden ? 'count' : dayOnly > 0 ? 'unpublished' : 'total';
    const at = m.add(value, role);
    m.lines.push({ members: indices.map((i) => points[i]!), sum: at });
    // Row fully shown and nothing known by day only: the heat map publishes the weekday's contacts.
    if (role === 'total') m.pinned.push(at);
    else
      m.lowerBounds.set(
        at,
        row.reduce<number>((s, n) => s + (n === null ? 1 : n), 0),
      );
    if (role === 'count') m.hideFirst.push(at);
    return at;
  });
}
