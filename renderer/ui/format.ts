/**
 * Number and date formatting for the reports: Intl of the UI language (de: 6.143 and 12,5; en: 6,143 and 12.5).
 * Suppressed counts (null in publication mode) are shown as "·" everywhere.
 */

export const SUPPRESSED = '·';

export type ReportLanguage = 'de' | 'en';

export const reportLanguage = (uiLanguage: string): ReportLanguage => (uiLanguage.startsWith('en') ? 'en' : 'de');

export interface Formatter {
  lang: ReportLanguage;
  /** A count; null (suppressed) becomes "·". */
  count(n: number | null): string;
  /** A rate or ratio with at most one decimal. */
  decimal(n: number | null, digits?: number): string;
  /** A percentage given in percent (12.5 → "12,5 %"); null becomes "–" (nothing to compare with). */
  percent(pct: number | null, options?: { signed?: boolean }): string;
  /** A signed count: +12, −3. */
  signed(n: number): string;
  /** A local day YYYY-MM-DD as 01.06.2021 / 1 Jun 2021. */
  day(iso: string): string;
  /** A range of local days. */
  range(from: string, to: string): string;
  /** YYYY-MM as "Juni 2021" / "June 2021" (or short: "Jun. 21"). */
  month(ym: string, style?: 'long' | 'short'): string;
  /** ISO weekday 1 … 7 as a name. */
  weekday(isoWeekday: number, style?: 'long' | 'short'): string;
}

const utcDate = (iso: string) => new Date(`${iso}T12:00:00Z`);
/** 2024-01-01 was a Monday. */
const weekdayDate = (isoWeekday: number) => new Date(Date.UTC(2024, 0, isoWeekday, 12));

const cache = new Map<ReportLanguage, Formatter>();

export function formatter(uiLanguage: string): Formatter {
  const lang = reportLanguage(uiLanguage);
  const cached = cache.get(lang);
  if (cached) return cached;
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const decimals = [0, 1, 2].map((d) => new Intl.NumberFormat(lang, { minimumFractionDigits: d, maximumFractionDigits: d }));
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const pctSigned = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const dayFormat = new Intl.DateTimeFormat(lang === 'de' ? 'de-AT' : 'en-GB', {
    timeZone: 'UTC',
    ...(lang === 'de' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' }),
  });
  const monthLong = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const monthShort = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', month: 'short', year: '2-digit' });
  const weekdayLong = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'long' });
  const weekdayShort = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', weekday: 'short' });
  const f: Formatter = {
    lang,
    count: (n) => (n === null ? SUPPRESSED : integer.format(n)),
    decimal: (n, digits = 1) => (n === null ? SUPPRESSED : decimals[digits]!.format(n)),
    percent: (p, options) => (p === null ? '–' : (options?.signed ? pctSigned : pct).format(p / 100).replace('-', '−')),
    signed: (n) => signed.format(n).replace('-', '−'),
    day: (iso) => dayFormat.format(utcDate(iso)),
    range: (from, to) => (from === to ? f.day(from) : `${f.day(from)} – ${f.day(to)}`),
    month: (ym, style = 'long') => (style === 'long' ? monthLong : monthShort).format(utcDate(`${ym}-01`)),
    weekday: (d, style = 'long') => (style === 'long' ? weekdayLong : weekdayShort).format(weekdayDate(d)),
  };
  cache.set(lang, f);
  return f;
}

/** Share of a total in percent, or null when either side is suppressed or the total is zero. */
export const share = (n: number | null, total: number | null): number | null => (n === null || total === null || total === 0 ? null : (n / total) * 100);
