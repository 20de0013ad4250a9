import type { SiteSettings } from '../catalog/catalog-types';

/**
 * What moving the site to another time zone does to stored contacts: their local day, hour and
 * weekday are read again in the new zone, theme days attributed again, the rollups rebuilt.
 * Counts are of counting (not voided) contacts, as in every report.
 */
export interface TimeZoneShift {
  from: string;
  to: string;
  /** Counting contacts in all. */
  contacts: number;
  /** Those whose local day or hour changes. */
  moved: number;
  /** Those whose local day changes (a subset of `moved`). */
  dayChanged: number;
  /** Those attributed to another theme day (or to one, or to none any more). */
  reattributed: number;
}

export interface SettingsChange {
  /** The settings after the change; for a dry run, as they would be. */
  settings: SiteSettings;
  dryRun: boolean;
  /** Present when the time zone changes. */
  timeZoneShift: TimeZoneShift | null;
}
