/** A theme day ("Thementag"): a partner organisation at the desk on one date or every week. */
export interface ThemeDay {
  id: number;
  title: string;
  organisationId: number | null;
  kind: 'single' | 'weekly';
  day: string | null;
  weekday: number | null;
  /** Whole local hours; `endHour` exclusive. */
  startHour: number;
  endHour: number;
  validFrom: string | null;
  validTo: string | null;
  retired: boolean;
}

/** What saving or retiring a theme day does (or, with dryRun, would do) to past contacts. */
export interface ThemeDayChange {
  themeDay: ThemeDay | null;
  /** Contacts whose theme-day attribution changes. */
  reattributed: number;
  dryRun: boolean;
}
