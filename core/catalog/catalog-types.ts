import type { ThemeDay } from '../theme-days/theme-day-types';

export interface Topic {
  id: number;
  labelDe: string;
  labelEn: string;
  color: string;
  hotkey: string | null;
  position: number;
  retired: boolean;
  /** UN Sustainable Development Goals (1–17) the topic reports to, ascending. */
  sdgs: number[];
  /** Set when the topic was merged into another: its history now counts there. */
  mergedInto: number | null;
}

export interface Organisation {
  id: number;
  name: string;
  position: number;
  retired: boolean;
  mergedInto: number | null;
}

export interface Language {
  id: number;
  /** ISO 639-1 where one exists, else ISO 639-3. */
  code: string;
  labelDe: string;
  labelEn: string;
  position: number;
  retired: boolean;
  mergedInto: number | null;
}

export interface Desk {
  id: number;
  name: string;
  position: number;
  retired: boolean;
  mergedInto: number | null;
}

/**
 * A topic group (Themencluster), e.g. "Existenzsicherung" = Grundsicherung + Armut/Schulden + Arbeit:
 * a report (above all in publication mode) can show groups instead of single topics, so that fewer
 * cells are small. Catalog data like the rest: edited, ordered, audited, retired and merged.
 */
export interface TopicGroup {
  id: number;
  labelDe: string;
  labelEn: string;
  position: number;
  retired: boolean;
  mergedInto: number | null;
  /** The topics in the group, in catalog order; a topic is in at most one active group. */
  topicIds: number[];
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
  /** The management area locks itself after this many minutes without a management call. */
  autoLockMinutes: number;
  /** The UI language a new browser or window starts in; each can still switch. */
  defaultLanguage: 'de' | 'en';
  /** Absolute folder for automatic backups; '' means `<data folder>/backups`. */
  backupFolder: string;
  /** Rotation: the newest backup of this many recent days, ISO weeks and months is kept. */
  backupKeepDaily: number;
  backupKeepWeekly: number;
  backupKeepMonthly: number;
  /**
   * When management confirmed the first-visit setup (name, opening date, time zone, opening hours) as
   * an ISO instant; '' until then. Until then the headline gives no figure "since opening".
   */
  setupConfirmedAt: string;
}

/** Everything the desk screen needs to draw itself; retired entries included so old contacts stay readable. */
export interface Catalog {
  topics: Topic[];
  organisations: Organisation[];
  languages: Language[];
  desks: Desk[];
  themeDays: ThemeDay[];
  /** Retired groups included, like every kind. */
  topicGroups: TopicGroup[];
  settings: SiteSettings;
}
