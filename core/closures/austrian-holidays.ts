import { addDays } from '../reports/calendar-days';
import type { PublicHoliday, PublicHolidayKey } from './closure-types';

/**
 * Easter Sunday of a Gregorian year (YYYY-MM-DD), by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher): valid for every year of the Gregorian calendar, no table to run out.
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const NAMES: Record<PublicHolidayKey, { de: string; en: string }> = {
  neujahr: { de: 'Neujahr', en: "New Year's Day" },
  heiligeDreiKoenige: { de: 'Heilige Drei Könige', en: 'Epiphany' },
  ostersonntag: { de: 'Ostersonntag', en: 'Easter Sunday' },
  ostermontag: { de: 'Ostermontag', en: 'Easter Monday' },
  staatsfeiertag: { de: 'Staatsfeiertag', en: 'Labour Day' },
  christiHimmelfahrt: { de: 'Christi Himmelfahrt', en: 'Ascension Day' },
  pfingstsonntag: { de: 'Pfingstsonntag', en: 'Whit Sunday' },
  pfingstmontag: { de: 'Pfingstmontag', en: 'Whit Monday' },
  fronleichnam: { de: 'Fronleichnam', en: 'Corpus Christi' },
  mariaeHimmelfahrt: { de: 'Mariä Himmelfahrt', en: 'Assumption Day' },
  nationalfeiertag: { de: 'Nationalfeiertag', en: 'National Day' },
  allerheiligen: { de: 'Allerheiligen', en: "All Saints' Day" },
  mariaeEmpfaengnis: { de: 'Mariä Empfängnis', en: 'Immaculate Conception' },
  christtag: { de: 'Christtag', en: 'Christmas Day' },
  stefanitag: { de: 'Stefanitag', en: "St Stephen's Day" },
};

const FIXED: [PublicHolidayKey, string][] = [
  ['neujahr', '01-01'],
  ['heiligeDreiKoenige', '01-06'],
  ['staatsfeiertag', '05-01'],
  ['mariaeHimmelfahrt', '08-15'],
  ['nationalfeiertag', '10-26'],
  ['allerheiligen', '11-01'],
  ['mariaeEmpfaengnis', '12-08'],
  ['christtag', '12-25'],
  ['stefanitag', '12-26'],
];

/** Days after Easter Sunday. */
const MOVABLE: [PublicHolidayKey, number][] = [
  ['ostersonntag', 0],
  ['ostermontag', 1],
  ['christiHimmelfahrt', 39],
  ['pfingstsonntag', 49],
  ['pfingstmontag', 50],
  ['fronleichnam', 60],
];

/**
 * The statutory public holidays of Austria in a year (Arbeitsruhegesetz § 7 and
 * Feiertagsruhegesetz 1957), in date order. Karfreitag (no public holiday since 2019), 24 and 31
 * December and the provincial patron saints' days are not public holidays: a site that closes on
 * them adds them as its own closures.
 */
export function austrianHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  return [...FIXED.map(([key, monthDay]) => ({ key, day: `${year}-${monthDay}` })), ...MOVABLE.map(([key, offset]) => ({ key, day: addDays(easter, offset) }))]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map(({ key, day }) => ({ key, day, name: NAMES[key] }));
}
