/** A backup's time in the site's zone, e.g. "25.11.2026, 06:30". */
export function backupTime(at: number, uiLanguage: string, timeZone: string, withZone = false): string {
  const lang = uiLanguage.startsWith('en') ? 'en-GB' : 'de-AT';
  if (withZone) {
    return new Intl.DateTimeFormat(lang, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(new Date(at));
  }
  return new Intl.DateTimeFormat(lang, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}

const MB = 1024 * 1024;

/** Bytes as KB, MB or GB in the language's number format (German: 1.234,5). 0 bytes (no backup) stays 0. */
export function backupSize(bytes: number, uiLanguage: string): string {
  const lang = uiLanguage.startsWith('en') ? 'en-GB' : 'de-DE';
  const number = (n: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n);
  if (bytes === 0) return '0 KB';
  if (bytes < MB) return `${number(Math.max(1, bytes / 1024), 0)} KB`;
  if (bytes < 1024 * MB) return `${number(bytes / MB, 1)} MB`;
  return `${number(bytes / (1024 * MB), 2)} GB`;
}
