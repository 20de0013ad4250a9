/**
 * The report bench's own day arithmetic, written independently of the core's (core/time, core/reports), so that
 * the comparison periods a report shows are cross-checked rather than recomputed by the same code.
 * Days are ISO strings ('2026-10-01'), computed in UTC.
 */
import { DATA_FROM } from './bench-reports-site';

export const DAY_MS = 86_400_000;
export const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
export const plusDays = (day: string, n: number) => dayOf(utc(day) + n * DAY_MS);
const lengthOf = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY_MS) + 1;
export const monthEnd = (month: string) => dayOf(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
function oneYearEarlier(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const candidate = `${y}${day.slice(4)}`;
  return dayOf(utc(candidate)) === candidate ? candidate : `${y}-02-28`;
}

export interface Period {
  from: string;
  to: string;
}

export interface ReportPeriods {
  period: Period;
  previous: Period;
  yearBefore: Period;
  sinceOpening: Period;
}

/** The period before: whole calendar months compare with as many months just before, other periods with as many days. */
function previousOf(p: Period): Period {
  const months = (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 + Number(p.to.slice(5, 7)) - Number(p.from.slice(5, 7)) + 1;
  if (p.from.endsWith('-01') && p.to === monthEnd(p.to.slice(0, 7))) {
    const index = Number(p.from.slice(0, 4)) * 12 + Number(p.from.slice(5, 7)) - 1 - months;
    return { from: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, to: plusDays(p.from, -1) };
  }
  const length = lengthOf(p.from, p.to);
  return { from: plusDays(p.from, -length), to: plusDays(p.from, -1) };
}

export function periodsOf(p: Period): ReportPeriods {
  return {
    period: p,
    previous: previousOf(p),
    yearBefore: { from: oneYearEarlier(p.from), to: oneYearEarlier(p.to) },
    sinceOpening: { from: DATA_FROM, to: p.to },
  };
}
