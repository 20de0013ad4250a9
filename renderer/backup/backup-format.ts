/** A backup's time in the site's zone, e.g. "25.11.2026, 06:30". */
export function backupTime(at: number, uiLanguage: string, timeZone: string, withZone = false): string {
  const lang = uiLanguage.startsWith('en') ? 'en-GB' : 'de-AT';
  if (withZone) {
    return new Intl.DateTimeFormat(lang, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(at));
  }
  return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

/** Bytes as KB or MB with the language's decimal mark. */
export function backupSize(bytes: number, uiLanguage: string): string {
  const lang = uiLanguage.startsWith('en') ? 'en-GB' : 'de-AT';
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

export const keepCountsValid = (keep: { daily: string; weekly: string; monthly: string }) =>
  [keep.daily, keep.weekly, keep.monthly].every((v) => /^\d{1,3}$/.test(v)) && Number(keep.daily) >= 1;
