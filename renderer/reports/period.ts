import { localParts } from '../../core/time/local-parts';

/** The period picker's quick choices, computed from "today" in the site's time zone; pure so it can be tested. */

export const QUICK_PERIODS = ['thisMonth', 'lastMonth', 'thisYear', 'sinceOpening'] as const;
export type QuickPeriod = (typeof QUICK_PERIODS)[number];

export interface Period {
  from: string;
  to: string;
}

export interface ReportRequest extends Period {
  publication: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  try {
    return localParts(now.getTime(), timeZone).day;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A quick choice as from/to; periods never reach past today. */
export function quickPeriod(kind: QuickPeriod, today: string, openingDate: string): Period {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (kind) {
    case 'thisMonth':
      return { from: iso(y, m, 1), to: today };
    case 'lastMonth': {
      const [ly, lm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: iso(ly, lm, 1), to: iso(ly, lm, lastDayOfMonth(ly, lm)) };
    }
    case 'thisYear':
      return { from: iso(y, 1, 1), to: today };
    case 'sinceOpening':
      return { from: openingDate <= today ? openingDate : today, to: today };
  }
}

/** Which quick choice (if any) a period equals. */
export function matchingQuickPeriod(period: Period, today: string, openingDate: string): QuickPeriod | null {
  return (
    QUICK_PERIODS.find((k) => {
      const q = quickPeriod(k, today, openingDate);
      return q.from === period.from && q.to === period.to;
    }) ?? null
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const isDay = (s: string | null | undefined): s is string => !!s && DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const validPeriod = (p: Partial<Period>): p is Period => isDay(p.from) && isDay(p.to) && p.from! <= p.to!;
