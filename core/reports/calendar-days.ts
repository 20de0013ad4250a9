/** Plain calendar arithmetic on local days (YYYY-MM-DD); no time zones involved. */
const DAY_MS = 86_400_000;

const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => fromUtc(toUtc(day) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
/** ISO weekday, 1 = Monday. */
export const weekdayOf = (day: string) => ((new Date(toUtc(day)).getUTCDay() + 6) % 7) + 1;

export function* eachDay(from: string, to: string): Generator<string> {
  for (let t = toUtc(from); t <= toUtc(to); t += DAY_MS) yield fromUtc(t);
}

/** Every month touched by the period, in order (YYYY-MM). */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m === 12 ? ((y += 1), (m = 1)) : (m += 1);
  }
}

/** The same day one year earlier (29 February becomes 28 February). */
export function yearEarlier(day: string): string {
  const [y, m, d] = day.split('-') as [string, string, string];
  const candidate = `${Number(y) - 1}-${m}-${d}`;
  return fromUtc(toUtc(candidate)).slice(5) === `${m}-${d}` ? candidate : `${Number(y) - 1}-${m}-28`;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return fromUtc(Date.UTC(y, m, 0)); // day 0 of the next month
}

/** Whole calendar months from one day to another, counting a started month (1 Jun – 31 Jan = 8). */
export function monthsSpanned(from: string, to: string): number {
  return to < from ? 0 : monthsOf(from, to).length;
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/**
 * The period just before: for whole calendar months the same number of months before
 * (March → February, Q2 → Q1), otherwise the same number of days before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const wholeMonths = from.endsWith('-01') && to === lastDayOfMonth(to.slice(0, 7));
  if (!wholeMonths) {
    const length = daysBetween(from, to);
    return { from: addDays(from, -length), to: addDays(from, -1) };
  }
  const months = monthsOf(from, to).length;
  return { from: `${shiftMonth(from.slice(0, 7), -months)}-01`, to: addDays(from, -1) };
}
