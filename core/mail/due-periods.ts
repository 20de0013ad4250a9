import type { MailRule } from './mail-inputs';

/**
 * Which periods of a schedule's rule are due on a local day (YYYY-MM-DD in the site's time zone, from
 * core/time). Pure: the runner (run-due.ts), the schedule list's "next" and `npm run report -- --mail`
 * all ask here, so they agree.
 * - lastMonth: due on the 1st of every month, for the month before.
 * - lastQuarter: due on the 1st of January, April, July and October, for the quarter before.
 * - lastYear: due on 2 January (the 1st is a holiday nobody reads mail on), for the year before.
 * A period is due from its due day on, and only if that day is not before the local day the schedule
 * was created: a schedule made on 15 October sends October on 1 November, never September.
 */

export interface DuePeriod {
  from: string;
  to: string;
  /** The local day on which the period falls due. */
  dueDay: string;
}

/** The most periods one catch-up sends per schedule: the app closed for years sends the last ones, not a flood. */
export const MAX_CATCH_UP_PERIODS = 12;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Months counted from year 0, so stepping back across a year is plain arithmetic. */
const monthIndex = (y: number, m: number) => y * 12 + (m - 1);
const fromIndex = (i: number): [number, number] => [Math.floor(i / 12), (i % 12) + 1];

/** How many months one period of the rule spans. */
const spanOf = (rule: MailRule) => (rule === 'lastMonth' ? 1 : rule === 'lastQuarter' ? 3 : 12);

const periodOf = (rule: MailRule, startIndex: number): DuePeriod => {
  const months = spanOf(rule);
  const [fy, fm] = fromIndex(startIndex);
  const [ty, tm] = fromIndex(startIndex + months - 1);
  const [dy, dm] = fromIndex(startIndex + months);
  return { from: iso(fy, fm, 1), to: iso(ty, tm, lastDayOfMonth(ty, tm)), dueDay: iso(dy, dm, rule === 'lastYear' ? 2 : 1) };
};

/** The period whose due day is the latest on or before `day` (it may lie before the schedule's creation). */
export function latestPeriod(rule: MailRule, day: string): DuePeriod {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const months = spanOf(rule);
  // The start of the current span (month, quarter, year); its due day may not have come yet (2 January).
  const current = rule === 'lastMonth' ? monthIndex(y, m) : rule === 'lastQuarter' ? monthIndex(y, m - ((m - 1) % 3)) : monthIndex(y, 1);
  const candidate = periodOf(rule, current - months);
  return candidate.dueDay <= day ? candidate : periodOf(rule, current - 2 * months);
}

/** The period `by` periods after (or before) `period` under the same rule. */
function shiftPeriod(rule: MailRule, period: DuePeriod, by: number): DuePeriod {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  return periodOf(rule, monthIndex(y, m) + by * spanOf(rule));
}

/**
 * Every period due by `today` since the schedule was created (`createdDay`), oldest first, at most the
 * last MAX_CATCH_UP_PERIODS: after the clock moved past several due dates, each missed period once.
 */
export function duePeriods(rule: MailRule, createdDay: string, today: string): DuePeriod[] {
  const periods: DuePeriod[] = [];
  for (let p = latestPeriod(rule, today); p.dueDay >= createdDay && periods.length < MAX_CATCH_UP_PERIODS; p = shiftPeriod(rule, p, -1)) periods.push(p);
  return periods.reverse();
}

/** The first period that falls due after `today`: the schedule list's "next" once everything due is sent. */
export function upcomingPeriod(rule: MailRule, today: string): DuePeriod {
  return shiftPeriod(rule, latestPeriod(rule, today), 1);
}
