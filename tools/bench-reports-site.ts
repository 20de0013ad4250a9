/**
 * The site the report bench generates (tools/bench-reports-dataset.ts): how long it has been open, when it
 * opens, how its contacts spread over hours, weekdays and theme days, and what changed in its catalog over the
 * years. Part of the cache key, so a change here must bump GENERATOR_VERSION.
 */
import { ROLLUP_VERSION } from '../core/rollups/rollup';

/** Bump when the generator changes what it writes: the cached database is then made anew. */
const GENERATOR_VERSION = 2;
export const CONTACTS = 1_000_000;
export const DATA_FROM = '2016-12-01';
export const DATA_TO = '2026-11-30';
/** The bench's clock: the morning after the last generated day, so every period lies in the past. */
export const NOW = Date.parse('2026-12-01T08:00:00Z');
/** Later migrations are applied to the cached file by openCore, as they would be to a site's database. */
export const GENERATION_KEY = `g${GENERATOR_VERSION}-n${CONTACTS}-r${ROLLUP_VERSION}`;

/** Opening hours of the generated site: Monday–Thursday 8–17, Friday 8–13 (41 hours a week). */
export const OPEN: Record<number, [number, number]> = { 1: [8, 17], 2: [8, 17], 3: [8, 17], 4: [8, 17], 5: [8, 13] };
export const HOUR_SHAPE: Record<number, number> = { 8: 0.8, 9: 1.3, 10: 1.25, 11: 1.1, 12: 0.7, 13: 0.85, 14: 1.0, 15: 0.95, 16: 0.75 };
export const WEEKDAY_SHAPE: Record<number, number> = { 1: 1.25, 2: 1.0, 3: 1.0, 4: 1.05, 5: 0.9 };
/** E-mails arrive at any hour, also on closed days. */
export const emailWeight = (hour: number) => (hour >= 7 && hour < 22 ? 0.045 : 0.01);

interface ThemeSeed {
  title: string;
  organisation: string | null;
  kind: 'single' | 'weekly';
  day?: string;
  weekday?: number;
  startHour: number;
  endHour: number;
  validFrom?: string;
  validTo?: string;
  /** Topic position the theme day draws (first topic of 40% of its contacts). */
  topic: number | null;
}

export const THEME_DAYS: ThemeSeed[] = [
  {
    title: 'Flucht und Migration',
    organisation: 'ZEBRA',
    kind: 'weekly',
    weekday: 3,
    startHour: 14,
    endHour: 17,
    validFrom: '2019-03-01',
    validTo: '2023-12-31',
    topic: 8,
  },
  {
    title: 'Schuldnerberatung vor Ort',
    organisation: 'Schuldnerberatung',
    kind: 'weekly',
    weekday: 4,
    startHour: 9,
    endHour: 12,
    validFrom: '2022-01-01',
    topic: 5,
  },
  { title: 'Tag der offenen Tür', organisation: null, kind: 'single', day: '2021-06-01', startHour: 8, endHour: 17, topic: null },
  { title: 'Pflegetag', organisation: 'Pflegedrehscheibe', kind: 'single', day: '2024-10-15', startHour: 8, endHour: 17, topic: 7 },
  { title: 'Gesundheitstag', organisation: 'ÖGK', kind: 'single', day: '2025-04-09', startHour: 9, endHour: 16, topic: 4 },
];
/** Topic position retired on this day (no contacts after it; its history still counts). */
export const RETIRED_TOPIC = { position: 12, day: '2023-07-01' };
/** A second desk from this day on, taking a fifth of the in-person and phone contacts. */
export const SECOND_DESK = { name: 'Sozial-Info mobil', from: '2022-09-01' };
