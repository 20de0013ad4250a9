import type { Breakdown, Report } from '../reports/report-types';
import { comparisonWords, pageFormat, WORDS, type PageFormat, type PageLanguage, type PageWords } from './report-html-words';
import type { ChartBar, ChartSpec } from './report-svg-charts';
import { byCountDesc, visibleRows } from '../reports/breakdown-rows';

/**
 * The charts of the HTML page, each with its table: what the reports screen shows as its charts
 * (renderer/reports/ReportView.tsx), in the same order: the series, topics, SDGs, languages,
 * referrals, channels and who asked. Pure data; report-html.ts writes it out.
 */

export interface TableRow {
  /** The row's name, a `<th scope="row">`. */
  label: string;
  /** The figures as written ("·" when suppressed), one per column after the first. */
  cells: string[];
}

export interface PageTable {
  caption: string;
  headers: string[];
  rows: TableRow[];
  /** The sum row(s), in `<tfoot>`: not bars of the chart. */
  totals: TableRow[];
}

export interface ChartSection {
  /** `monthly`, `topics` …, unique per language. */
  id: string;
  title: string;
  note?: string;
  /** `columns` for a series over time, `bars` for categories. */
  kind: 'columns' | 'bars';
  chart: ChartSpec;
  table: PageTable;
}

const bar = (f: PageFormat, label: string, value: number | null, axisLabel?: string): ChartBar => ({
  label,
  value,
  text: f.count(value),
  ...(axisLabel !== undefined && { axisLabel }),
});

function chartOf(f: PageFormat, id: string, title: string, bars: ChartBar[], w: PageWords): ChartSpec {
  return { id: `${f.lang}-${id}`, title, description: w.chart(title), bars, tick: (n) => f.count(n) };
}

function seriesSection(r: Report, f: PageFormat, w: PageWords): ChartSection {
  const unit = r.series.unit;
  const title = w.series[unit];
  if (unit === 'month') {
    const bars = r.monthly.map((m) => bar(f, f.month(m.month), m.n, `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`));
    return {
      id: 'monthly',
      title,
      kind: 'columns',
      chart: chartOf(f, 'monthly', title, bars, w),
      table: {
        caption: title,
        headers: [w.seriesKey.month, w.contacts, w.cumulative],
        rows: r.monthly.map((m, i) => ({ label: bars[i]!.label, cells: [f.count(m.n), f.count(m.cumulative)] })),
        totals: [],
      },
    };
  }
  const axis = (key: string) =>
    unit === 'week' ? (f.lang === 'de' ? `KW ${Number(key.slice(6))}` : `W${Number(key.slice(6))}`) : `${Number(key.slice(8))}.${Number(key.slice(5, 7))}.`;
  const bars = r.series.points.map((p) => bar(f, unit === 'week' ? w.week(p.key) : f.day(p.key), p.n, axis(p.key)));
  const imported = r.series.importedNotInSeries;
  return {
    id: 'monthly',
    title,
    kind: 'columns',
    chart: chartOf(f, 'monthly', title, bars, w),
    table: {
      caption: title,
      headers: [w.seriesKey[unit], w.contacts],
      rows: bars.map((b) => ({ label: b.label, cells: [b.text] })),
      totals: imported === undefined ? [] : [{ label: w.importedNotInSeries, cells: [f.count(imported)] }],
    },
  };
}

function topicSection(r: Report, f: PageFormat, w: PageWords): ChartSection {
  const rows = byCountDesc(visibleRows(r.byTopic.contacts));
  const mentions = new Map(r.byTopic.mentions.rows.map((m) => [m.key, m.n]));
  const bars = rows.map((row) => bar(f, row.label[f.lang], row.n));
  return {
    id: 'topics',
    title: w.topics,
    note: w.topicsNote,
    kind: 'bars',
    chart: chartOf(f, 'topics', `${w.topics}: ${w.topicContacts}`, bars, w),
    table: {
      caption: w.topics,
      headers: [w.topic, w.topicContacts, w.mentions],
      rows: rows.map((row, i) => ({ label: bars[i]!.label, cells: [bars[i]!.text, mentions.has(row.key) ? f.count(mentions.get(row.key)!) : f.count(0)] })),
      totals: [{ label: w.sum, cells: [f.count(r.byTopic.contacts.total), f.count(r.byTopic.mentions.total)] }],
    },
  };
}

/** A breakdown as chart and two-column table; `sort`: largest first (catalog entries), else in the given order (channels, who asked, goals). */
function breakdownSection(
  f: PageFormat,
  w: PageWords,
  id: string,
  title: string,
  keyHeader: string,
  b: Breakdown,
  options: { sort: boolean; note?: string; countHeader?: string; extra?: TableRow[] },
): ChartSection {
  const rows = options.sort ? byCountDesc(visibleRows(b)) : visibleRows(b);
  const bars = rows.map((row) => bar(f, row.label[f.lang], row.n));
  return {
    id,
    title,
    ...(options.note !== undefined && { note: options.note }),
    kind: 'bars',
    chart: chartOf(f, id, title, bars, w),
    table: {
      caption: title,
      headers: [keyHeader, options.countHeader ?? w.contacts],
      rows: bars.map((x) => ({ label: x.label, cells: [x.text] })),
      totals: [{ label: w.sum, cells: [f.count(b.total)] }, ...(options.extra ?? [])],
    },
  };
}

/** Every chart of the page in one language, in the order of the reports screen. */
export function chartSections(r: Report, lang: PageLanguage): ChartSection[] {
  const f = pageFormat(lang);
  const w = WORDS[lang];
  return [
    seriesSection(r, f, w),
    topicSection(r, f, w),
    breakdownSection(f, w, 'sdgs', w.sdgs, w.sdg, r.bySdg, { sort: false, extra: [{ label: w.sdgContacts, cells: [f.count(r.bySdg.contacts)] }] }),
    breakdownSection(f, w, 'languages', w.languages, w.language, r.byLanguage, { sort: true }),
    breakdownSection(f, w, 'referrals', w.referrals, w.organisation, r.byReferral, {
      sort: true,
      note: w.referralsNote,
      countHeader: w.referrals,
      extra: [{ label: w.contactsWithReferral, cells: [f.count(r.contactsWithReferral)] }],
    }),
    breakdownSection(f, w, 'channels', w.channels, w.channel, r.byChannel, { sort: false }),
    breakdownSection(f, w, 'askers', w.askers, w.asker, r.byAsker, { sort: false }),
  ];
}

/** One key figure as the page and the mail's text part write it: label, value, and the lines under it. */
export interface KeyFigure {
  label: string;
  value: string;
  details: string[];
}

/** The key figures in one language: the total, contacts per open hour, and the two comparisons (as the reports screen's cards). */
export function keyFigures(r: Report, lang: PageLanguage): KeyFigure[] {
  const f = pageFormat(lang);
  const w = WORDS[lang];
  const comparison = (label: string, c: Report['comparisons']['yearBefore']): KeyFigure => ({ label, ...comparisonWords(c, r.site.openingDate, f, w) });
  return [
    { label: w.total, value: f.count(r.total), details: r.imported !== undefined ? [`${w.imported}: ${f.count(r.imported)}`] : [] },
    {
      label: w.perOpenHour,
      value: r.openHours.hours === 0 ? '–' : f.decimal(r.openHours.perOpenHour),
      details: [r.openHours.hours === 0 ? w.noOpenHours : w.openHours(f.decimal(r.openHours.hours, Number.isInteger(r.openHours.hours) ? 0 : 2))],
    },
    comparison(w.vsPrevious, r.comparisons.previousPeriod),
    comparison(w.vsYearBefore, r.comparisons.yearBefore),
  ];
}
