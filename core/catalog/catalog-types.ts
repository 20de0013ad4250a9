import type { ThemeDay } from '../theme-days/theme-day-types';

export interface Topic {
  id: number;
  labelDe: string;
  labelEn: string;
  color: string;
  hotkey: string | null;
  position: number;
  retired: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  position: number;
  retired: boolean;
}

export interface Language {
  id: number;
  /** ISO 639-1 where one exists, else ISO 639-3. */
  code: string;
  labelDe: string;
  labelEn: string;
  position: number;
  retired: boolean;
}

export interface Desk {
  id: number;
  name: string;
  position: number;
  retired: boolean;
}

/** One weekly open slot, in whole local hours: `endHour` is exclusive. */
export interface OpeningSlot {
  weekday: number; // ISO, 1 = Monday
  startHour: number;
  endHour: number;
}

export interface SiteSettings {
  siteName: string;
  timeZone: string;
  /** First day of service, YYYY-MM-DD: the start of the headline figure. */
  openingDate: string;
  /** Weekly opening hours, for contacts per open hour; default four half-days. */
  openingHours: OpeningSlot[];
  /** Publication mode suppresses cells below this. */
  smallCellThreshold: number;
}

/** Everything the desk screen needs to draw itself; retired entries included so old contacts stay readable. */
export interface Catalog {
  topics: Topic[];
  organisations: Organisation[];
  languages: Language[];
  desks: Desk[];
  themeDays: ThemeDay[];
  settings: SiteSettings;
}
