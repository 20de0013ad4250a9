/** How figures, days and months are written for German Excel and German readers. */

/** Marks a cell suppressed in publication mode, in every output. */
export const SUPPRESSED = '·';

export const WEEKDAYS_DE = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'] as const;

/** ISO weekday (1 = Monday) as a German name. */
export const weekdayDe = (isoWeekday: number) => WEEKDAYS_DE[isoWeekday - 1] ?? '';

/** `2026-03-07` → `07.03.2026`. */
export const dayDe = (isoDay: string) => `${isoDay.slice(8, 10)}.${isoDay.slice(5, 7)}.${isoDay.slice(0, 4)}`;

/** `2026-03` → `03.2026`. */
export const monthDe = (isoMonth: string) => `${isoMonth.slice(5, 7)}.${isoMonth.slice(0, 4)}`;

/**
 * A number with a decimal comma and at most `digits` decimals, without thousands separators (German
 * Excel reads `6.143` as a decimal, so grouping would corrupt the figure): `12.5` → `12,5`, `-3.25` → `-3,3`.
 */
export function decimalDe(n: number, digits = 1): string {
  const rounded = Number(n.toFixed(digits));
  // Object.is: never print "-0" for a value that rounded to zero.
  const text = String(Object.is(rounded, -0) ? 0 : rounded);
  return text.replace('.', ',');
}

/** A day as a Date at UTC midnight: spreadsheet serials then land on whole days in every zone. */
export const dayAsDate = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);
