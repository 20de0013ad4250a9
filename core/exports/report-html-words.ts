import { SMALL_BASE } from '../reports/comparison-periods';
import { longDate } from '../reports/report-labels';
import type { Comparison, ComparisonBasis, NotComparableReason, Report } from '../reports/report-types';
import { localParts, localTimeLabel } from '../time/local-parts';
import { dayDe, SUPPRESSED } from './german-format';

/**
 * The words and number formats of the HTML page (core/exports/report-html.ts), in German and English:
 * the page carries both languages, so it cannot take them from the renderer's i18n. The wording
 * follows the reports screen (renderer/i18n/{de,en}/reports.ts).
 */

export type PageLanguage = 'de' | 'en';

/** Number formats as the reports screen writes them: de 6.143 and 12,5; en 6,143 and 12.5. */
const LOCALE: Record<PageLanguage, string> = { de: 'de-DE', en: 'en-GB' };
/** Austrian month names (Jänner), as `longDate` writes them. */
const MONTH_LOCALE: Record<PageLanguage, string> = { de: 'de-AT', en: 'en-GB' };

export interface PageFormat {
  lang: PageLanguage;
  /** A count; null (suppressed in publication mode) becomes "·". */
  count(n: number | null): string;
  /** A rate with `digits` decimals; null becomes "·". */
  decimal(n: number | null, digits?: number): string;
  /** A signed change in percent: +12,5 % / +12.5%. */
  percent(pct: number): string;
  /** A signed count: +12, −3. */
  signed(n: number): string;
  /** `2026-03-05` → 5. März 2026 / 5 March 2026. */
  day(iso: string): string;
  range(from: string, to: string): string;
  /** `2026-03` → März 2026 / March 2026. */
  month(ym: string): string;
}

export function pageFormat(lang: PageLanguage): PageFormat {
  const integer = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  const pct = new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const month = new Intl.DateTimeFormat(MONTH_LOCALE[lang], { timeZone: 'UTC', month: 'long', year: 'numeric' });
  const f: PageFormat = {
    lang,
    count: (n) => (n === null ? SUPPRESSED : integer.format(n)),
    decimal: (n, digits = 1) =>
      n === null ? SUPPRESSED : new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n),
    percent: (p) => pct.format(p / 100).replace('-', '−'),
    signed: (n) => signed.format(n).replace('-', '−'),
    day: (iso) => longDate(iso)[lang],
    range: (from, to) => (from === to ? f.day(from) : `${f.day(from)} – ${f.day(to)}`),
    month: (ym) => month.format(new Date(`${ym}-01T12:00:00Z`)),
  };
  return f;
}

/** When the report was made, on the site's clock: 07.12.2026, 06:45 / 7 December 2026, 06:45. */
export function madeAt(report: Report, lang: PageLanguage): string {
  const p = localParts(Date.parse(report.generatedAt), report.site.timeZone);
  return `${lang === 'de' ? dayDe(p.day) : longDate(p.day).en}, ${localTimeLabel(p)}`;
}

export const WORDS = {
  de: {
    languageName: 'Deutsch',
    languageNav: 'Sprache / Language',
    report: 'Bericht',
    period: 'Zeitraum',
    days: (n: number) => (n === 1 ? '1 Tag' : `${n} Tage`),
    keyFigures: 'Kennzahlen',
    total: 'Kontakte im Zeitraum',
    imported: 'davon aus importierten Monatswerten',
    perOpenHour: 'Kontakte je Öffnungsstunde',
    openHours: (hours: string) => `in ${hours} Öffnungsstunden`,
    noOpenHours: 'keine Öffnungsstunden im Zeitraum',
    vsPrevious: 'Vergleich mit dem Zeitraum davor',
    vsYearBefore: 'Vergleich mit demselben Zeitraum ein Jahr davor',
    more: (n: string) => `${n} Kontakte mehr`,
    fewer: (n: string) => `${n} Kontakte weniger`,
    same: 'gleich viele Kontakte',
    comparedTotal: (range: string, n: string) => `${range}: ${n} Kontakte`,
    smallBase: `keine Prozentangabe: weniger als ${SMALL_BASE} Kontakte im Vergleichszeitraum`,
    noComparison: 'kein Vergleich möglich',
    basis: { wholeMonths: 'ganze Monate', monthDays: 'dieselben Tage des Monats', days: 'gleich viele Tage' } satisfies Record<ComparisonBasis, string>,
    partial: 'Teilzeitraum ab der Eröffnung',
    reason: {
      beforeOpening: (opening: string) => `Der Vergleichszeitraum liegt vor der Eröffnung am ${opening}.`,
      startsBeforeOpening: (opening: string) => `Der Vergleichszeitraum beginnt vor der Eröffnung am ${opening} und ist deshalb kürzer.`,
      notStarted: () => 'Der Zeitraum hat noch nicht begonnen.',
      importedMonthSplit: () => 'Importierte Monatswerte lassen sich nicht auf einzelne Tage aufteilen.',
    } satisfies Record<NotComparableReason, (opening: string) => string>,
    chart: (title: string) => `Balkendiagramm: ${title}. Die Zahlen stehen in der Tabelle daneben.`,
    series: { day: 'Kontakte je Tag', week: 'Kontakte je Kalenderwoche', month: 'Kontakte je Monat' },
    seriesKey: { day: 'Tag', week: 'Kalenderwoche', month: 'Monat' },
    week: (key: string) => `KW ${Number(key.slice(6))}/${key.slice(0, 4)}`,
    contacts: 'Kontakte',
    cumulative: 'kumuliert',
    importedNotInSeries: 'Importierte Monatswerte ohne Tag (in keiner Zeile)',
    topics: 'Themen',
    topicsNote: 'Ein Kontakt kann mehrere Themen haben. „Kontakte“ zählt jeden Kontakt einmal (bei seinem ersten Thema), „Nennungen“ jedes genannte Thema.',
    topic: 'Thema',
    topicContacts: 'Kontakte (erstes Thema)',
    mentions: 'Nennungen',
    sdgs: 'Beitrag zu den Nachhaltigkeitszielen (SDGs)',
    sdg: 'Ziel',
    sdgContacts: 'Kontakte mit mindestens einem Ziel',
    languages: 'Gesprächssprachen',
    language: 'Sprache',
    referrals: 'Weitervermittlungen',
    referralsNote: 'Ein Kontakt kann an mehrere Stellen weitervermittelt werden; gezählt werden Weitervermittlungen.',
    organisation: 'Stelle',
    contactsWithReferral: 'Kontakte mit Weitervermittlung',
    channels: 'Kanäle',
    channel: 'Kanal',
    askers: 'Wer fragt',
    asker: 'Wer fragt',
    sum: 'Summe',
    none: 'Im Zeitraum gab es hier keine Kontakte.',
    made: (site: string, at: string) => `${site} · erstellt am ${at} · Kontaktdesk`,
  },
  en: {
    languageName: 'English',
    languageNav: 'Sprache / Language',
    report: 'Report',
    period: 'Period',
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    keyFigures: 'Key figures',
    total: 'Contacts in the period',
    imported: 'of these from imported monthly counts',
    perOpenHour: 'Contacts per open hour',
    openHours: (hours: string) => `over ${hours} open hours`,
    noOpenHours: 'no open hours in the period',
    vsPrevious: 'Compared with the period before',
    vsYearBefore: 'Compared with the same period a year earlier',
    more: (n: string) => `${n} more contacts`,
    fewer: (n: string) => `${n} fewer contacts`,
    same: 'as many contacts',
    comparedTotal: (range: string, n: string) => `${range}: ${n} contacts`,
    smallBase: `no percentage: fewer than ${SMALL_BASE} contacts in the compared period`,
    noComparison: 'no comparison possible',
    basis: { wholeMonths: 'whole months', monthDays: 'the same days of the month', days: 'as many days' } satisfies Record<ComparisonBasis, string>,
    partial: 'part of the period, from the opening',
    reason: {
      beforeOpening: (opening: string) => `The compared period lies before the opening on ${opening}.`,
      startsBeforeOpening: (opening: string) => `The compared period begins before the opening on ${opening} and is therefore shorter.`,
      notStarted: () => 'The period has not begun yet.',
      importedMonthSplit: () => 'Imported monthly counts cannot be split into single days.',
    } satisfies Record<NotComparableReason, (opening: string) => string>,
    chart: (title: string) => `Bar chart: ${title}. The figures are in the table beside it.`,
    series: { day: 'Contacts per day', week: 'Contacts per calendar week', month: 'Contacts per month' },
    seriesKey: { day: 'Day', week: 'Calendar week', month: 'Month' },
    week: (key: string) => `Week ${Number(key.slice(6))}, ${key.slice(0, 4)}`,
    contacts: 'Contacts',
    cumulative: 'running total',
    importedNotInSeries: 'Imported monthly counts without a day (in no row)',
    topics: 'Topics',
    topicsNote: 'A contact can have several topics. “Contacts” counts each contact once (under its first topic), “Mentions” every topic named.',
    topic: 'Topic',
    topicContacts: 'Contacts (first topic)',
    mentions: 'Mentions',
    sdgs: 'Contribution to the Sustainable Development Goals (SDGs)',
    sdg: 'Goal',
    sdgContacts: 'Contacts with at least one goal',
    languages: 'Languages spoken',
    language: 'Language',
    referrals: 'Referrals',
    referralsNote: 'A contact can be referred to several places; referrals are counted.',
    organisation: 'Referred to',
    contactsWithReferral: 'Contacts with a referral',
    channels: 'Channels',
    channel: 'Channel',
    askers: 'Who asked',
    asker: 'Who asked',
    sum: 'Total',
    none: 'There were no contacts here in the period.',
    made: (site: string, at: string) => `${site} · made on ${at} · Kontaktdesk`,
  },
} as const;

export type PageWords = (typeof WORDS)[PageLanguage];

/**
 * A comparison in words, as the reports screen's card says it: the change (signed percentage, or the
 * signed count when the compared period had fewer than 10 contacts) and the compared period with its
 * total; without a change, why not. A change hidden in publication mode is "·".
 */
export function comparisonWords(c: Comparison, openingDate: string, f: PageFormat, w: PageWords): { value: string; details: string[] } {
  const basis = c.partial ? w.partial : w.basis[c.basis];
  const range = `${f.range(c.period.from, c.period.to)} (${basis})`;
  const details = [c.total !== null || c.comparable ? w.comparedTotal(range, f.count(c.total)) : range];
  if (c.reason) details.unshift(w.reason[c.reason](f.day(openingDate)));
  if (!c.comparable) return { value: w.noComparison, details };
  if (c.delta === null) return { value: SUPPRESSED, details };
  const words = c.delta > 0 ? w.more(f.count(c.delta)) : c.delta < 0 ? w.fewer(f.count(-c.delta)) : w.same;
  if (c.smallBase) details.push(w.smallBase);
  return { value: c.deltaPct === null ? f.signed(c.delta) : f.percent(c.deltaPct), details: [words, ...details] };
}
