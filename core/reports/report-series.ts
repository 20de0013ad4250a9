import { addDays, daysBetween, eachDay, lastDayOfMonth, weekdayOf } from './calendar-days';
import type { Cell } from '../publication/cell-key';
import { CellSum, trueCount, type Publish } from './publish-cells';
import type { MonthPoint, ReportSeries, SeriesPoint, SeriesUnit } from './report-types';

/** Periods up to this many days get a daily series: any three calendar months (at most 92 days). */
export const DAILY_UP_TO_DAYS = 92;
/** Up to this many days, a weekly one: any calendar year (at most 366 days). */
export const WEEKLY_UP_TO_DAYS = 366;

export function seriesUnitOf(from: string, to: string): SeriesUnit {
  const days = daysBetween(from, to);
  return days <= DAILY_UP_TO_DAYS ? 'day' : days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
}

/** The ISO 8601 week of a day: weeks start on Monday, and belong to the year of their Thursday ("2025-W01"). */
export function isoWeekOf(day: string): string {
  const thursday = addDays(day, 4 - weekdayOf(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor((daysBetween(`${year}-01-01`, thursday) - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/**
 * Contacts over the period at a grain that fits its length: per day up to 92 days, per ISO week
 * (Monday to Sunday; the first and last week cut at the period's ends) up to 366 days, else per month.
 *
 * `daily` holds the recorded contacts per local day (those known by day only included) as cells; a
 * point is published from the cell of its days (core/reports/publish-cells.ts). Monthly counts
 * imported from earlier tallies have no day: a daily or weekly series leaves them out and names them
 * in `importedNotInSeries` (`imported`, as published); the monthly series is `monthly` itself, imports included.
 */
export function reportSeries(
  from: string,
  to: string,
  daily: Map<string, Cell>,
  monthly: MonthPoint[],
  imported: number,
  publish: Publish = trueCount,
): ReportSeries {
  const unit = seriesUnitOf(from, to);
  if (unit === 'month') {
    const points = monthly.map((m): SeriesPoint => ({ key: m.month, from: max(`${m.month}-01`, from), to: min(lastDayOfMonth(m.month), to), n: m.n }));
    return { unit, points };
  }
  const points: SeriesPoint[] = [];
  const cells: CellSum[] = [];
  for (const day of eachDay(from, to)) {
    const key = unit === 'day' ? day : isoWeekOf(day);
    const last = points.at(-1);
    if (last?.key === key) last.to = day;
    else {
      points.push({ key, from: day, to: day, n: 0 });
      cells.push(new CellSum());
    }
    cells.at(-1)!.add(daily.get(day));
  }
  points.forEach((p, i) => (p.n = publish(cells[i]!.cell)));
  return imported > 0 ? { unit, points, importedNotInSeries: imported } : { unit, points };
}
