import { invalidField } from '../base/errors';
import type { PeriodRule, RelativePeriodKind } from './view-types';

/**
 * A view's period rule as days, against a given "today" (YYYY-MM-DD in the site's time zone). Pure
 * and free of server code: the report screen's quick choices (renderer/reports/period.ts), the saved
 * views and `npm run report -- --view` all compute periods here, so they always agree.
 */

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const wholeMonths = (y: number, m: number, months: number): Period => {
  const end = new Date(Date.UTC(y, m - 1 + months - 1, 1));
  return { from: iso(y, m, 1), to: iso(end.getUTCFullYear(), end.getUTCMonth() + 1, lastDayOfMonth(end.getUTCFullYear(), end.getUTCMonth() + 1)) };
};
/** The month `by` months from y-m, as [year, month]. */
const shift = (y: number, m: number, by: number): [number, number] => {
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
};

/**
 * The calendar span a relative rule names, cut off at today: "this …" runs up to today, "last …"
 * is the whole span before the current one. `last12Months` is the twelve whole months before the
 * current month (a year's report that a task on the 1st can send); `sinceOpening` starts at the
 * opening date. The opening date is not applied here (see `resolvePeriodRule`).
 */
export function calendarPeriod(kind: RelativePeriodKind, today: string, openingDate: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const quarterStart = m - ((m - 1) % 3);
  switch (kind) {
    case 'thisMonth':
      return { from: iso(y, m, 1), to: today };
    case 'lastMonth':
      return wholeMonths(...shift(y, m, -1), 1);
    case 'thisQuarter':
      return { from: iso(y, quarterStart, 1), to: today };
    case 'lastQuarter':
      return wholeMonths(...shift(y, quarterStart, -3), 3);
    case 'thisYear':
      return { from: iso(y, 1, 1), to: today };
    case 'lastYear':
      return { from: iso(y - 1, 1, 1), to: iso(y - 1, 12, 31) };
    case 'last12Months':
      return wholeMonths(...shift(y, m, -12), 12);
    case 'sinceOpening':
      return { from: openingDate, to: today };
  }
}

/**
 * A rule as from/to. A relative period never reaches past today and never starts before the site's
 * opening date: "this year" in the year the site opened starts at the opening. A relative period
 * that lies wholly before the opening (last month, when the site opened this month; anything while
 * the opening date is still ahead) has no days to report: refused naming the field `period`, rather
 * than answered with a period the rule does not describe. A fixed range is the user's explicit
 * choice and is returned as saved (a report may cover imported months before the opening).
 */
export function resolvePeriodRule(rule: PeriodRule, today: string, openingDate: string): Period {
  if (rule.kind === 'fixed') return { from: rule.from, to: rule.to };
  const span = calendarPeriod(rule.kind, today, openingDate);
  const period = { from: span.from < openingDate ? openingDate : span.from, to: span.to > today ? today : span.to };
  if (period.from > period.to) {
    const why = openingDate > today ? `the site opens on ${openingDate}, after today (${today})` : `it ends before the site's opening date ${openingDate}`;
    throw invalidField('period', `the period "${rule.kind}" (${span.from} – ${span.to}) has no days to report: ${why}`);
  }
  return period;
}
