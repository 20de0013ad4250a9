import { filterLine } from '../analysis/filter-words';
import { publicationNote } from '../publication/publication-notes';
import type { Report } from '../reports/report-types';
import { escapeHtml } from './html-escape';
import { chartSections, keyFigures, type ChartSection, type PageTable, type TableRow } from './report-html-sections';
import { madeAt, pageFormat, WORDS, type PageLanguage } from './report-html-words';
import { columnChart, horizontalBarChart } from './report-svg-charts';

/**
 * A report as one self-contained HTML page for the town's website (README, "Publication mode"): no
 * script, nothing loaded from anywhere (no font, image, style sheet or link out; styles inline), so
 * it works offline and from a file. German first (`<html lang="de">`), then the same page in English
 * (`lang="en"`), reached by the language links at the top. Each chart is inline SVG with its table
 * beside it, which holds the same figures as text. Meant for publication-mode reports (then the
 * publication note is on it); it prints whatever report it is given.
 *
 * WCAG 2.1 AA: text #1a1a1a or #3d4752 on white (17.4:1, 9.4:1; at least 8:1 on the tinted
 * backgrounds too), links #0b4f80 (8.6:1), bars #1d5f8a (6.9:1, where 3:1 is asked for graphics);
 * headings in order (h1 site, h2 language part, h3 sections); every table has a caption and header
 * cells with scope (test/exports/report-html.test.ts checks the colours).
 */

export const HTML_MIME = 'text/html; charset=utf-8';

const LANGUAGES: readonly PageLanguage[] = ['de', 'en'];

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1a1a1a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1rem;line-height:1.5}
main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:#0b4f80}
a:focus-visible{outline:3px solid #1d5f8a;outline-offset:2px}
h1{font-size:1.75rem;margin:.5rem 0 0}
h2{font-size:1.5rem;margin:2.5rem 0 .25rem;padding-top:1rem;border-top:3px solid #1d5f8a}
h3{font-size:1.2rem;margin:2rem 0 .5rem}
.languages{margin:.5rem 0 0;padding:0;list-style:none;display:flex;gap:1.25rem}
.headline{font-size:1.2rem;font-weight:600;margin:.5rem 0}
.muted,.note{color:#3d4752}
.publication-note{border-left:4px solid #1d5f8a;background:#f1f5f9;padding:.5rem .75rem;margin:1rem 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin:0}
.figure{border:1px solid #8a96a3;border-radius:6px;padding:.75rem 1rem;margin:0}
.figure dt{font-weight:600}
.figure dd{margin:0}
.figure .value{font-size:1.5rem;font-weight:700}
.figure .value.words{font-size:1.1rem}
.chart-block{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;align-items:start}
svg.chart{width:100%;height:auto;display:block}
svg.bars{max-width:30rem}
svg.columns{max-width:36rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 .25rem}
th,td{padding:.2rem .5rem;border-bottom:1px solid #c5ccd3;text-align:left;vertical-align:top}
tbody th,tfoot th{overflow-wrap:anywhere}
tbody th{font-weight:400}
td{text-align:right;white-space:nowrap}
thead th{background:#eef2f6;border-bottom:2px solid #5b6773}
thead th:not(:first-child){text-align:right}
tfoot th,tfoot td{font-weight:700;border-top:2px solid #5b6773}
footer{margin-top:2rem;color:#3d4752;font-size:.9rem}
@media (min-width:48.01rem){.chart-block svg{position:sticky;top:1rem}}
@media (max-width:48rem){.chart-block{grid-template-columns:minmax(0,1fr)}main{padding:.75rem}h1{font-size:1.4rem}th,td{padding:.2rem .3rem}}
@media print{.languages{display:none}h2{break-before:page}.chart-block svg{break-inside:avoid}}
`;

const rowHtml = (row: TableRow) => `<tr><th scope="row">${escapeHtml(row.label)}</th>${row.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;

function tableHtml(t: PageTable): string {
  const head = `<thead><tr>${t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  const foot = t.totals.length > 0 ? `<tfoot>${t.totals.map(rowHtml).join('')}</tfoot>` : '';
  return `<table><caption>${escapeHtml(t.caption)}</caption>${head}<tbody>${t.rows.map(rowHtml).join('')}</tbody>${foot}</table>`;
}

function sectionHtml(s: ChartSection, none: string): string {
  const note = s.note ? `<p class="note">${escapeHtml(s.note)}</p>` : '';
  // No bars: no empty chart, but the table's sums stay (a sum may differ from its rows in publication mode).
  const chart = s.chart.bars.length === 0 ? `<p>${escapeHtml(none)}</p>` : s.kind === 'columns' ? columnChart(s.chart) : horizontalBarChart(s.chart);
  return `<section class="report-section" id="${s.chart.id}"><h3>${escapeHtml(s.title)}</h3>${note}<div class="chart-block">${chart}${tableHtml(s.table)}</div></section>`;
}

function figure(label: string, value: string, details: string[]): string {
  // A figure in large type; words ("kein Vergleich möglich") smaller.
  const words = /[a-z]/i.test(value) ? ' words' : '';
  return `<div class="figure"><dt>${escapeHtml(label)}</dt><dd class="value${words}">${escapeHtml(value)}</dd>${details.map((d) => `<dd class="muted">${escapeHtml(d)}</dd>`).join('')}</div>`;
}

/** One language's part: heading, period, filter, note, key figures, charts with tables, when made. */
function languagePart(r: Report, lang: PageLanguage, notice: PageOptions['notice']): string {
  const f = pageFormat(lang);
  const w = WORDS[lang];
  const range = f.range(r.period.from, r.period.to);
  const figures = keyFigures(r, lang).map((k) => figure(k.label, k.value, k.details));
  return [
    `<article lang="${lang}" id="${lang}" aria-labelledby="${lang}-heading">`,
    `<h2 id="${lang}-heading">${escapeHtml(`${w.report} ${range}`)}</h2>`,
    `<p class="headline">${escapeHtml(r.headline[lang])}</p>`,
    `<p>${escapeHtml(`${w.period}: ${range} (${w.days(r.period.days)})`)}</p>`,
    r.filters.length > 0 ? `<p>${escapeHtml(filterLine(r.filters, lang))}</p>` : '',
    r.publication.enabled ? `<p class="publication-note">${escapeHtml(publicationNote(r.publication.method, lang))}</p>` : '',
    notice ? `<p class="publication-note">${escapeHtml(notice[lang])}</p>` : '',
    `<h3>${escapeHtml(w.keyFigures)}</h3>`,
    `<dl class="figures">${figures.join('')}</dl>`,
    ...chartSections(r, lang).map((s) => sectionHtml(s, w.none)),
    `<footer><p>${escapeHtml(w.made(r.site.name, madeAt(r, lang)))}</p></footer>`,
    '</article>',
  ].join('\n');
}

/** Table rows of the page (body and sums) in one language: what `ExportFile.rows` says for it. */
export const pageTableRows = (r: Report): number => chartSections(r, 'de').reduce((n, s) => n + s.table.rows.length + s.table.totals.length, 0);

/** What a caller may change about the page; left out, the page for the town's website (both languages, German first). */
export interface PageOptions {
  /** The language parts, in order; one language (an e-mail in the schedule's language) has no language links. */
  languages?: readonly PageLanguage[];
  /** A line under the headline in every part, e.g. the e-mail's "no PDF attached" (core/mail/mail-text.ts). */
  notice?: Record<PageLanguage, string>;
}

/** The whole page, German first unless `languages` says otherwise; as UTF-8 text (`HTML_MIME`). */
export function reportHtml(r: Report, { languages = LANGUAGES, notice }: PageOptions = {}): string {
  const title = `${r.site.name}: ${languages.map((lang) => `${WORDS[lang].report} ${pageFormat(lang).range(r.period.from, r.period.to)}`).join(' / ')}`;
  const nav = languages.map((lang) => `<li><a href="#${lang}" lang="${lang}">${WORDS[lang].languageName}</a></li>`).join('');
  return [
    '<!DOCTYPE html>',
    `<html lang="${languages[0]}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(r.site.name)}</h1>`,
    languages.length > 1 ? `<nav aria-label="${WORDS.de.languageNav}"><ul class="languages">${nav}</ul></nav>` : '',
    ...languages.map((lang) => languagePart(r, lang, notice)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
