import { filterLine } from '../analysis/filter-words';
import { chartSections, keyFigures } from '../exports/report-html-sections';
import { madeAt, pageFormat, WORDS, type PageLanguage } from '../exports/report-html-words';
import { publicationNote } from '../publication/publication-notes';
import type { Report } from '../reports/report-types';

/** How many topics the plain-text part lists: the largest, as the page's topic table starts. */
export const TEXT_TOPICS = 5;

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * A period as the subject names it: a whole month "Oktober 2026" / "October 2026", a whole quarter
 * "3. Quartal 2026" / "Q3 2026", a whole year "2026", any other period its days.
 */
export function periodInWords(from: string, to: string, lang: PageLanguage): string {
  const f = pageFormat(lang);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const wholeMonths = d === 1 && ty === y && td === lastDayOfMonth(ty, tm) ? tm - m + 1 : 0;
  if (wholeMonths === 1) return f.month(from.slice(0, 7));
  if (wholeMonths === 3 && m % 3 === 1) return lang === 'de' ? `${(m + 2) / 3}. Quartal ${y}` : `Q${(m + 2) / 3} ${y}`;
  if (wholeMonths === 12) return String(y);
  return f.range(from, to);
}

/** "Sozial-Info im Wohnzimmer Leibnitz: Bericht Oktober 2026" / "…: Report October 2026". */
export const mailSubject = (r: Report, lang: PageLanguage) => `${r.site.name}: ${WORDS[lang].report} ${periodInWords(r.period.from, r.period.to, lang)}`;

/** Lines the mail adds to the report where the message differs from the page. */
export const MAIL_WORDS = {
  de: {
    pdfLeftOut: 'Das PDF ist nicht angehängt: Hier kann Kontaktdesk kein PDF erstellen. Der Bericht steht vollständig in dieser Nachricht.',
    attached: (names: string[]) => `Angehängt: ${names.join(', ')}`,
    topTopics: (n: number) => `Häufigste Themen (Kontakte, erstes Thema; die ${n} größten):`,
    whole: 'Der vollständige Bericht mit allen Tabellen steht im HTML-Teil dieser Nachricht.',
  },
  en: {
    pdfLeftOut: 'The PDF is not attached: Kontaktdesk cannot make a PDF here. The whole report is in this message.',
    attached: (names: string[]) => `Attached: ${names.join(', ')}`,
    topTopics: (n: number) => `Most frequent topics (contacts, first topic; the ${n} largest):`,
    whole: 'The whole report with every table is in the HTML part of this message.',
  },
} satisfies Record<PageLanguage, unknown>;

export interface TextOptions {
  /** File names of the attachments, listed at the end. */
  attachments: string[];
  /** A line about a format left out (the PDF in browser mode), or none. */
  notice?: string;
}

/**
 * The plain-text part: site, period, headline, the key figures with their comparisons, the largest
 * topics, the filter and the publication note — the same words and figures as the page (the topic
 * rows are the page's topic table), so a mail client without HTML shows the same report in short.
 */
export function mailText(r: Report, lang: PageLanguage, { attachments, notice }: TextOptions): string {
  const f = pageFormat(lang);
  const w = WORDS[lang];
  const m = MAIL_WORDS[lang];
  const range = f.range(r.period.from, r.period.to);
  const topics = chartSections(r, lang).find((s) => s.id === 'topics')!.table;
  const top = topics.rows.slice(0, TEXT_TOPICS);
  const paragraphs: string[][] = [
    [r.site.name, `${w.report} ${periodInWords(r.period.from, r.period.to, lang)}`, `${w.period}: ${range} (${w.days(r.period.days)})`],
    [r.headline[lang]],
    r.filters.length > 0 ? [filterLine(r.filters, lang)] : [],
    r.publication.enabled ? [publicationNote(r.publication.method, lang)] : [],
    notice ? [notice] : [],
    [`${w.keyFigures}:`, ...keyFigures(r, lang).flatMap((k) => [`- ${k.label}: ${k.value}`, ...k.details.map((d) => `  ${d}`)])],
    top.length > 0 ? [m.topTopics(top.length), ...top.map((row) => `- ${row.label}: ${row.cells[0]}`)] : [],
    [m.whole, ...(attachments.length > 0 ? [m.attached(attachments)] : [])],
    [w.made(r.site.name, madeAt(r, lang))],
  ];
  return `${paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join('\n'))
    .join('\n\n')}\n`;
}
