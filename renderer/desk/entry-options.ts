import { MAX_BATCH } from '../../core/base/limits';

/**
 * One-off choices for the next tap: when it happened (now, or an earlier local date + time) and how
 * many contacts it stands for. Both fall back to the defaults after every tap.
 */
export interface EntryOptions {
  /** null = now; otherwise the local date (YYYY-MM-DD) and time (HH:MM) in the desk PC's zone. */
  earlier: { date: string; time: string } | null;
  count: number;
}

export const DEFAULT_ENTRY: EntryOptions = { earlier: null, count: 1 };
export const MIN_COUNT = 1;
export const MAX_COUNT = MAX_BATCH;
/** How far back the date picker goes. */
const MAX_DAYS_BACK = 366;

const pad = (n: number) => String(n).padStart(2, '0');
/** A Date's local calendar day as YYYY-MM-DD (not toISOString, which is UTC). */
export const localIsoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localHhMm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

export const clampCount = (n: number) => (Number.isFinite(n) ? Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.round(n))) : MIN_COUNT);

export const isDefaultEntry = (o: EntryOptions) => o.earlier === null && o.count === 1;

/** What "früher …" proposes: one hour ago, rounded down to 5 minutes (yesterday's date shortly after midnight). */
export function defaultEarlier(now: number): { date: string; time: string } {
  const d = new Date(now - 60 * 60_000);
  d.setMinutes(d.getMinutes() - (d.getMinutes() % 5), 0, 0);
  return { date: localIsoDay(d), time: localHhMm(d) };
}

/** The bounds of the date input: about a year back up to today. */
export function dateBounds(now: number): { min: string; max: string } {
  const min = new Date(now);
  min.setDate(min.getDate() - MAX_DAYS_BACK);
  return { min: localIsoDay(min), max: localIsoDay(new Date(now)) };
}

export type EarlierCheck = { ok: true; at: Date } | { ok: false; reason: 'incomplete' | 'future' | 'tooOld' };

/** Reads local date + time as an instant in the browser's zone (the desk PC runs in the site's zone). */
export function checkEarlier(earlier: { date: string; time: string }, now: number): EarlierCheck {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(earlier.date);
  const time = /^(\d{2}):(\d{2})/.exec(earlier.time);
  if (!date || !time) return { ok: false, reason: 'incomplete' };
  const at = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]));
  if (Number.isNaN(at.getTime())) return { ok: false, reason: 'incomplete' };
  if (at.getTime() > now) return { ok: false, reason: 'future' };
  if (earlier.date < dateBounds(now).min) return { ok: false, reason: 'tooOld' };
  return { ok: true, at };
}

/** A YYYY-MM-DD day for people: "24.11." / "24.11.2026" in German, "Nov 24" / "Nov 24, 2026" in English. */
export function formatDay(isoDay: string, language: string, withYear: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDay)) return isoDay || '…';
  const [y, m, d] = isoDay.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  const german = language.startsWith('de');
  const options: Intl.DateTimeFormatOptions = german
    ? { day: '2-digit', month: '2-digit', ...(withYear ? { year: 'numeric' } : {}) }
    : { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) };
  const text = new Intl.DateTimeFormat(german ? 'de-AT' : 'en-GB', { ...options, timeZone: 'UTC' }).format(date);
  return german && !withYear && !text.endsWith('.') ? `${text}.` : text;
}
