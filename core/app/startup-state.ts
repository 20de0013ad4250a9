/** What the app found at start; the UI shows a full-screen notice for anything but `ok`. Node-free for the renderer. */
export interface StartupState {
  state: 'ok' | 'damaged' | 'locked' | 'readonly';
  /** SQLite's own words, for the console and a support call; the UI shows its own text per state. */
  detail?: string;
  /** When damaged: the newest backup that passed `integrity_check` now, which recoverFromBackup restores. */
  newestGoodBackup?: { name: string; at: number } | null;
}

export interface Recovery {
  restored: { name: string; at: number };
  /** The damaged file, renamed and kept beside the database, never written to. */
  damagedCopy: string;
}
