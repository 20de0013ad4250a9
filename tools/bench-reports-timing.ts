/**
 * Part 2 of the report bench: month and year reports through the real core (`core.handlers.getReport`), each
 * run on a different period, drawn by a seeded shuffle so every bench run times the same periods.
 */
import { performance } from 'node:perf_hooks';
import type { Core } from '../core/open-core';
import { mulberry32, stats, type Stats } from './bench-common';
import { dayOf, monthEnd, plusDays, utc, type Period } from './bench-reports-calendar';
import { DATA_TO } from './bench-reports-site';

export const WARMUP = 5;
export const RUNS = 30;
export const TARGET_MONTH_MS = 50;
export const TARGET_YEAR_MS = 200;

export const report = (core: Core, p: Period, publication = false) =>
  core.handlers.getReport({ ...p, publication, publicationMethod: 'cellKey', topicGroups: false });

export async function timeReports(core: Core, periods: Period[], publication = false): Promise<{ samples: number[]; stats: Stats }> {
  for (const p of periods.slice(0, WARMUP)) await report(core, p, publication);
  const samples: number[] = [];
  for (const p of periods.slice(WARMUP)) {
    const t0 = performance.now();
    await report(core, p, publication);
    samples.push(performance.now() - t0);
  }
  return { samples, stats: stats(samples) };
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function monthPeriods(): Period[] {
  const months: string[] = [];
  for (let t = utc('2017-01-01'); dayOf(t) <= DATA_TO; t = utc(plusDays(monthEnd(dayOf(t).slice(0, 7)), 1))) months.push(dayOf(t).slice(0, 7));
  return shuffled(months, 11)
    .slice(0, WARMUP + RUNS)
    .map((m) => ({ from: `${m}-01`, to: monthEnd(m) }));
}

export function yearPeriods(): Period[] {
  const years = shuffled(
    Array.from({ length: 10 }, (_, i) => 2017 + i),
    12,
  );
  return Array.from({ length: WARMUP + RUNS }, (_, i) => years[i % years.length]!).map((y) => ({ from: `${y}-01-01`, to: `${y}-12-31` }));
}
