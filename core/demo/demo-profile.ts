import { austrianHolidays } from '../closures/austrian-holidays';

/**
 * What a plausible year at the Leibnitz desk looks like, by catalog position (1-based) so it
 * works on the seeded catalog: about 6,000 contacts in the first eight months, two thirds from
 * citizens, mostly in person, German most often.
 */
export const DEMO_START_DAY = '2021-06-01';

/** Open half-days: ISO weekday → [first hour, hour after the last]. */
export const DEMO_OPEN_HOURS: Record<number, [number, number]> = {
  1: [9, 12],
  2: [9, 12],
  3: [14, 17],
  4: [9, 12],
};

/** Mean contacts per open hour; the first hour after opening is the busiest. */
export const hourMean = (hourIndex: number) => [23, 19, 15][hourIndex] ?? 12;

/** Slow start in the first weeks, then steady with a summer dip and a winter peak. */
export function seasonFactor(month: number, monthsSinceOpening: number): number {
  const rampUp = Math.min(1, 0.7 + monthsSinceOpening * 0.1);
  const season = [1.1, 1.05, 1.0, 0.95, 0.95, 0.9, 0.7, 0.75, 1.0, 1.05, 1.1, 0.85][month - 1] ?? 1;
  return rampUp * season;
}

/** The demo site's own closure, entered in its closure calendar every year: 24 December to 6 January. */
export const DEMO_CHRISTMAS_BREAK = { note: 'Weihnachtspause', from: '12-24', to: '01-06' } as const;

const holidaysOf = new Map<number, Set<string>>();

/** Closed: over Christmas, and on Austrian public holidays (core/closures), as its closure calendar says. */
export function isHoliday(day: string): boolean {
  if (day.slice(5) >= DEMO_CHRISTMAS_BREAK.from || day.slice(5) <= DEMO_CHRISTMAS_BREAK.to) return true;
  const year = Number(day.slice(0, 4));
  let days = holidaysOf.get(year);
  if (!days) holidaysOf.set(year, (days = new Set(austrianHolidays(year).map((h) => h.day))));
  return days.has(day);
}

export const TOPIC_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 14],
  [2, 13],
  [3, 12],
  [4, 9],
  [5, 11],
  [6, 8],
  [7, 6],
  [8, 9],
  [9, 4],
  [10, 5],
  [11, 12],
  [12, 4],
];

/** Topic position → organisation positions a visitor on that topic is most often sent to. */
export const REFERRALS_BY_TOPIC: Record<number, number[]> = {
  1: [1],
  2: [3, 4],
  3: [2, 4],
  4: [11, 12],
  5: [9, 4, 5],
  6: [5, 8],
  7: [10, 12],
  8: [6, 2],
  9: [7, 8],
  10: [1, 6],
  11: [2, 3],
  12: [3],
};

export const LANGUAGE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 70],
  [2, 4],
  [3, 2],
  [4, 4],
  [5, 4],
  [6, 3],
  [7, 2],
  [8, 3],
  [9, 3],
  [10, 3],
  [11, 2],
  [12, 3],
  [13, 1],
];

export const CHANNEL_WEIGHTS = [
  ['in_person', 60],
  ['phone', 30],
  ['email', 10],
] as const;
export const ASKER_WEIGHTS = [
  ['citizen', 2],
  ['organisation', 1],
] as const;

/**
 * Theme days as the site started them in February 2022: partner organisations at the desk,
 * drawing more visitors and more of their own topic. Positions refer to the seeded catalog.
 */
export const DEMO_THEME_DAYS = [
  { title: 'Flucht und Migration', organisationPosition: 6, weekday: 3, startHour: 14, endHour: 17, validFrom: '2022-02-01', boost: 1.45, topicPosition: 8 },
  { title: 'Sprechstunde StoP', organisationPosition: 7, weekday: 1, startHour: 9, endHour: 12, validFrom: '2022-02-01', boost: 1.15, topicPosition: 9 },
] as const;
