import { EMPTY_CELL, type Cell } from '../publication/cell-key';
import { monthsOf, weekdayOf } from './calendar-days';
import type { PeriodCounts } from './count-source';
import type { ImportedInPeriod } from './imported-counts';
import { CellSum, type Publish } from './publish-cells';
import type { MonthPoint } from './report-types';

/** The period's contacts over time, as cells: per day, per weekday and hour, and in all. */
export interface TimeCells {
  /** Recorded contacts per local day (those known by day only included). */
  daily: Map<string, Cell>;
  /** 7 rows (Monday first) × 24 hours: the contacts with a known hour, summed over the period's days. */
  heatmap: Cell[][];
  /** The heat map's contacts: those with a known hour. */
  timed: Cell;
  /** Every contact that counts: the recorded ones and the imported monthly counts. */
  total: Cell;
}

export function timeCellsOf(period: Pick<PeriodCounts, 'hourly' | 'daily' | 'keys'>, imported: ImportedInPeriod): TimeCells {
  const heat = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => new CellSum()));
  // Contacts with an hour; those known by day only (imported without times) are in `daily` but not here.
  const timed = new CellSum();
  for (const [day, hours] of period.hourly) {
    const keys = period.keys.hourly.get(day);
    const row = heat[weekdayOf(day) - 1]!; // once per day: weekdayOf parses a date
    hours.forEach((n, h) => {
      if (n === 0) return;
      row[h]!.addCount(n, keys?.[h]);
      timed.addCount(n, keys?.[h]);
    });
  }
  const daily = new Map<string, Cell>();
  const total = new CellSum().add(imported.total);
  for (const [day, n] of period.daily) {
    const key = period.keys.daily.get(day) ?? 0;
    daily.set(day, { n, key });
    total.addCount(n, key);
  }
  return { daily, heatmap: heat.map((row) => row.map((s) => s.cell)), timed: timed.cell, total: total.cell };
}

/**
 * Contacts per month of the period, the imported monthly counts included, and the running total:
 * each point's `n` is the cell of its month, `cumulative` the cell of all months so far, each
 * published by `publish`. A point names its imported part (a cell of its own, the month's imported
 * rows) when that, published, is above 0.
 */
export function monthlyPoints(from: string, to: string, daily: Map<string, Cell>, imported: ImportedInPeriod, publish: Publish): MonthPoint[] {
  const perMonth = new Map<string, CellSum>();
  for (const [day, cell] of daily) {
    const month = day.slice(0, 7);
    (perMonth.get(month) ?? perMonth.set(month, new CellSum()).get(month)!).add(cell);
  }
  const running = new CellSum();
  return monthsOf(from, to).map((month): MonthPoint => {
    const importedPart = imported.byMonth.get(month) ?? EMPTY_CELL;
    const cell = new CellSum().add(perMonth.get(month)?.cell).add(importedPart).cell;
    running.add(cell);
    const n = publish(cell);
    const cumulative = publish(running.cell);
    const importedShown = publish(importedPart);
    return importedShown > 0 ? { month, n, cumulative, imported: importedShown } : { month, n, cumulative };
  });
}
