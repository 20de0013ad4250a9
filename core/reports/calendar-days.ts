/** Plain calendar arithmetic on local days (YYYY-MM-DD); no time zones involved. */
const DAY_MS = 86_400_000;

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** Days since 1970-01-01 of a day (YYYY-MM-DD). */
export const dayNumberOf = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/**
 * The day (YYYY-MM-DD) of a day number, by the civil calendar's arithmetic (H. Hinnant's days-to-civil)
 * rather than through Date and toISOString: reports walk thousands of days.
 */
export function dayOfNumber(n: number): string {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

const toUtc = (day: string) => dayNumberOf(day) * DAY_MS;
const fromUtc = (ms: number) => dayOfNumber(Math.round(ms / DAY_MS));

export const addDays = (day: string, n: number) => fromUtc(toUtc(day) + n * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((toUtc(to) - toUtc(from)) / DAY_MS) + 1;
/** ISO weekday, 1 = Monday. */
export const weekdayOf = (day: string) => ((dayNumberOf(day) + 3) % 7) + 1;

const monthLength = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Every day from `from` to `to`, inclusive; counted on the calendar, not through Date (ten years of days in a report are many). */
export function* eachDay(from: string, to: string): Generator<string> {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  let d = Number(from.slice(8, 10));
  for (;;) {
    const day = `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
    if (day > to) return;
    yield day;
    if (++d > monthLength(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y += 1;
      }
    }
  }
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

/**
 * The day a month of imported monthly counts (which have no day) counts on: its first day, or the
 * opening date in the month the site opened (core/reports/imported-counts.ts). Here, not there, so
 * the renderer's comparison rules can use it without the database code.
 */
export const anchorDay = (month: string, openingDate: string) => (openingDate.slice(0, 7) === month ? openingDate : `${month}-01`);
