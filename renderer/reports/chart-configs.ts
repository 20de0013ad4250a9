import type { ChartConfiguration, ChartDataset, LegendItem, Scale, TooltipItem } from 'chart.js';
import { PRINT_BESIDE_CHART_MM, PRINT_COLUMN_GAP_MM, PRINT_TEXT_WIDTH_MM } from '../../core/reports/print-page';
import type { Breakdown, BreakdownRow, Report } from '../../core/reports/report-types';
import { byCountDesc, visibleRows } from '../../core/reports/breakdown-rows';

export { byCountDesc, visibleRows };
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { formatter, SUPPRESSED, type ReportLanguage } from '../ui/format';

/**
 * chart.js configurations built from a report: pure data mapping (labels, data arrays, dataset labels),
 * unit-tested without a canvas. Suppressed counts (null) stay null, which chart.js draws as a gap;
 * a category whose every value is suppressed carries " ·" in its label, like the tables.
 */

export interface ChartOptionsIn {
  lang: ReportLanguage;
  /** Print layout: fixed size, no animation, no hover. */
  print?: boolean;
}

/** A configuration plus the height its canvas wants (CSS pixels); width follows the container, or is fixed in print. */
export interface SizedChart {
  config: ChartConfiguration;
  height: number;
  /** The height on paper, also for a screen chart printed as it is (`height` itself when `print`). */
  printHeight: number;
  /** Each category's key (catalog id, code, enum value), in the chart's order: what a click on its bar filters by. */
  keys?: (number | string)[];
}

/** Screen and paper heights of a chart; in the print layout both are the paper's. */
export const sized = (config: ChartConfiguration, o: ChartOptionsIn, screen: number, paper: number): SizedChart => ({
  config,
  height: o.print ? paper : screen,
  printHeight: paper,
});

/** Paper sizes in CSS pixels, which print at 96 to the inch. */
export const mmToPx = (mm: number) => Math.round((mm * 96) / 25.4);

/** How much of the paper's width a chart takes: the text width, one of the two columns, or the part beside its table. */
export type PaperSpan = 'text' | 'column' | 'beside';
const PAPER_SPAN_MM: Record<PaperSpan, number> = {
  text: PRINT_TEXT_WIDTH_MM,
  column: (PRINT_TEXT_WIDTH_MM - PRINT_COLUMN_GAP_MM) / 2,
  beside: PRINT_BESIDE_CHART_MM,
};

/** A chart's width on paper in CSS pixels, rounded down, so it never sticks out of its box. */
export const printChartWidth = (span: PaperSpan) => Math.floor((PAPER_SPAN_MM[span] * 96) / 25.4);

/** Canvas pixels per CSS pixel on paper: about 300 dpi, so bars and labels stay sharp when printed. */
export const PRINT_PIXEL_RATIO = 3;

export const SERIES_COLORS = {
  contacts: '#1d5f8a',
  /** The imported part of a monthly bar: the same blue, lighter, with the bar's outline. */
  imported: 'rgba(29, 95, 138, 0.28)',
  secondary: '#b45309',
  doughnut: ['#1d5f8a', '#b45309', '#2f6b32', '#7a2e6e', '#6b5300', '#0f6b6b'],
} as const;

const texts = (lang: ReportLanguage) => (lang === 'en' ? en : de).charts;
export const messagesOf = (lang: ReportLanguage) => (lang === 'en' ? en : de);

export const suppressedLabel = (label: string, ...values: (number | null)[]) =>
  values.length > 0 && values.every((v) => v === null) ? `${label} ${SUPPRESSED}` : label;

/** On paper 10 px (7.5 pt) type, a little larger than the tables': the bars of a category are about 3 mm. */
export const paperFont = (o: ChartOptionsIn) => (o.print ? { font: { size: 10 } } : {});

export function baseOptions(o: ChartOptionsIn) {
  const f = formatter(o.lang);
  return {
    locale: o.lang,
    responsive: !o.print,
    maintainAspectRatio: false,
    ...(o.print ? { animation: false as const, devicePixelRatio: PRINT_PIXEL_RATIO, events: [] } : {}),
    plugins: {
      legend: { display: true, position: 'top' as const, labels: { boxWidth: 14, ...paperFont(o) } },
      tooltip: {
        callbacks: {
          label: (item: TooltipItem<'bar'>) => `${item.dataset.label ?? ''}: ${f.count(item.raw as number | null)}`,
        },
      },
    },
  };
}

export const countScale = (title?: string) => ({
  beginAtZero: true,
  ticks: { precision: 0 },
  ...(title ? { title: { display: true, text: title } } : {}),
});

/**
 * A month's bar split into what Kontaktdesk recorded and what was imported from earlier tallies.
 * An imported part hidden in publication mode leaves the month as one bar.
 */
export const monthParts = (m: Report['monthly'][number]): { recorded: number | null; imported: number | null } =>
  m.imported === undefined || m.imported === null || m.n === null ? { recorded: m.n, imported: null } : { recorded: m.n - m.imported, imported: m.imported };

/**
 * Monthly contacts as bars (left axis) and the running total as a line (right axis). Imported
 * monthly counts, when the period has any, are a lighter part stacked on each bar.
 */
export function monthlyChart(report: Report, o: ChartOptionsIn): SizedChart {
  const c = texts(o.lang);
  const f = formatter(o.lang);
  const short = report.monthly.length > 8;
  const withImported = report.monthly.some((m) => m.imported !== undefined);
  const bars: ChartDataset<'bar', (number | null)[]> = {
    type: 'bar',
    label: withImported ? c.recorded : c.perMonth,
    data: report.monthly.map((m) => monthParts(m).recorded),
    backgroundColor: SERIES_COLORS.contacts,
    yAxisID: 'y',
    maxBarThickness: 64,
    order: 2,
    ...(withImported && { stack: 'month' }),
  };
  const importedBars: ChartDataset<'bar', (number | null)[]> = {
    type: 'bar',
    label: c.imported,
    data: report.monthly.map((m) => monthParts(m).imported),
    backgroundColor: SERIES_COLORS.imported,
    borderColor: SERIES_COLORS.contacts,
    borderWidth: 1,
    yAxisID: 'y',
    maxBarThickness: 64,
    order: 2,
    stack: 'month',
  };
  const line: ChartDataset<'line', (number | null)[]> = {
    type: 'line',
    label: c.cumulative,
    data: report.monthly.map((m) => m.cumulative),
    borderColor: SERIES_COLORS.secondary,
    backgroundColor: SERIES_COLORS.secondary,
    pointRadius: report.monthly.length > 24 ? 0 : 3,
    borderWidth: 2,
    spanGaps: false,
    yAxisID: 'y1',
    order: 1,
  };
  const config = {
    type: 'bar',
    data: {
      labels: report.monthly.map((m) => suppressedLabel(f.month(m.month, short ? 'short' : 'long'), m.n)),
      datasets: withImported ? [bars, importedBars, line] : [bars, line],
    },
    options: {
      ...baseOptions(o),
      plugins: {
        ...baseOptions(o).plugins,
        // Bars first in the legend, as in the table; `order` only puts the line on top.
        legend: {
          ...baseOptions(o).plugins.legend,
          labels: { boxWidth: 14, sort: (a: LegendItem, b: LegendItem) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0) },
        },
      },
      scales: {
        x: { ticks: { autoSkip: true, maxRotation: 0 }, stacked: withImported },
        y: { ...countScale(c.perMonth), position: 'left', stacked: withImported },
        y1: { ...countScale(c.cumulative), position: 'right', grid: { drawOnChartArea: false } },
      },
    },
  } as ChartConfiguration;
  return sized(config, o, report.monthly.length <= 2 ? 200 : 300, mmToPx(report.monthly.length <= 2 ? 34 : 56));
}

/** Taller with each category; on paper about 3 mm a category (3.6 with two bars), so a dozen topics take a fifth of a page. */
const barHeight = (categories: number, series: number, print = false) =>
  print ? mmToPx(Math.max(26, 12 + categories * (series > 1 ? 3.6 : 3))) : Math.max(140, 56 + categories * (series > 1 ? 30 : 22));

/** Average width of a label character as a share of the font size, generously (DejaVu Sans is wide): 7.5 px at 12 px. */
const LABEL_CHAR_WIDTH = 0.625;

/** A label cut to `max` characters with "…", keeping the suppressed mark " ·" at its end. */
export function shortLabel(label: string, max: number): string {
  const mark = ` ${SUPPRESSED}`;
  const [name, suffix] = label.endsWith(mark) ? [label.slice(0, -mark.length), mark] : [label, ''];
  return name.length <= max ? label : `${name.slice(0, Math.max(1, max - 1)).trimEnd()}…${suffix}`;
}

/**
 * chart.js gives the category labels of a horizontal bar chart at most half the chart's width and
 * cuts the rest off at the canvas edge: a narrow chart (one of two columns on paper) shows long names
 * ending in "…". The labels in the data stay whole, and the table below the chart has them.
 */
function fitCategoryLabel(this: Scale, value: number | string): string {
  const label = this.getLabelForValue(Number(value));
  const fontPx = (this.options as { ticks?: { font?: { size?: number } } }).ticks?.font?.size ?? 12;
  return shortLabel(label, Math.floor((this.chart.width / 2 - 16) / (fontPx * LABEL_CHAR_WIDTH)));
}

export function horizontalBars(labels: string[], datasets: ChartDataset<'bar', (number | null)[]>[], o: ChartOptionsIn, axisTitle: string): SizedChart {
  const config = {
    type: 'bar',
    data: { labels, datasets },
    options: {
      ...baseOptions(o),
      indexAxis: 'y',
      plugins: { ...baseOptions(o).plugins, legend: { ...baseOptions(o).plugins.legend, display: datasets.length > 1 } },
      scales: {
        x: {
          ...countScale(axisTitle),
          position: 'bottom',
          ticks: { precision: 0, ...paperFont(o) },
          title: { display: true, text: axisTitle, ...paperFont(o) },
        },
        y: { ticks: { autoSkip: false, callback: fitCategoryLabel, ...paperFont(o) } },
      },
    },
  } as ChartConfiguration;
  return sized(config, o, barHeight(labels.length, datasets.length), barHeight(labels.length, datasets.length, true));
}

/** Topics: contacts (each under its first topic) and topic mentions (every topic of every contact), two labelled series. */
export function topicChart(report: Report, o: ChartOptionsIn): SizedChart {
  const c = texts(o.lang);
  const rows = topicRows(report);
  const chart = horizontalBars(
    rows.map((r) => suppressedLabel(r.label[o.lang], r.contacts, r.mentions)),
    [
      { label: c.topicContacts, data: rows.map((r) => r.contacts), backgroundColor: SERIES_COLORS.contacts },
      { label: c.topicMentions, data: rows.map((r) => r.mentions), backgroundColor: SERIES_COLORS.secondary },
    ],
    o,
    c.count,
  );
  return { ...chart, keys: rows.map((r) => r.key) };
}

export interface TopicRow {
  key: number | string;
  label: BreakdownRow['label'];
  contacts: number | null;
  mentions: number | null;
  retired: boolean;
  /** Of `contacts`, imported monthly counts (absent when none). */
  imported?: number;
}

/** Topic contacts and mentions side by side, matched by key, most contacts first. */
export function topicRows(report: Report): TopicRow[] {
  const mentions = new Map(report.byTopic.mentions.rows.map((r) => [r.key, r]));
  const seen = new Set<number | string>();
  const rows: TopicRow[] = byCountDesc(report.byTopic.contacts.rows).map((r) => {
    seen.add(r.key);
    return {
      key: r.key,
      label: r.label,
      contacts: r.n,
      mentions: mentions.has(r.key) ? mentions.get(r.key)!.n : 0,
      retired: !!r.retired,
      ...(r.imported && { imported: r.imported }),
    };
  });
  for (const m of report.byTopic.mentions.rows) {
    if (!seen.has(m.key)) rows.push({ key: m.key, label: m.label, contacts: 0, mentions: m.n, retired: !!m.retired });
  }
  return rows.filter((r) => !r.retired || r.contacts !== 0 || r.mentions !== 0);
}

/** One breakdown as horizontal bars (languages, referral organisations). */
export function breakdownChart(breakdown: Breakdown, seriesLabel: string, o: ChartOptionsIn): SizedChart {
  const rows = byCountDesc(visibleRows(breakdown));
  const chart = horizontalBars(
    rows.map((r) => suppressedLabel(r.label[o.lang], r.n)),
    [{ label: seriesLabel, data: rows.map((r) => r.n), backgroundColor: SERIES_COLORS.contacts }],
    o,
    texts(o.lang).count,
  );
  return { ...chart, keys: rows.map((r) => r.key) };
}

export const languageChart = (report: Report, o: ChartOptionsIn) => breakdownChart(report.byLanguage, texts(o.lang).languageContacts, o);
export const referralChart = (report: Report, o: ChartOptionsIn) => breakdownChart(report.byReferral, texts(o.lang).referrals, o);

/** Channels as a doughnut; a suppressed slice is left out of the ring and marked in the legend. */
export const channelChart = (report: Report, o: ChartOptionsIn): SizedChart => doughnutChart(report.byChannel, texts(o.lang).channelContacts, o);

/** Who asked, as a doughnut like the channels. */
export const askerChart = (report: Report, o: ChartOptionsIn): SizedChart => doughnutChart(report.byAsker, messagesOf(o.lang).askerChart, o);

/** A small breakdown (channels, who asked) as a doughnut in its catalogue order; a suppressed slice is left out of the ring and marked in the legend. */
export function doughnutChart(breakdown: Breakdown, seriesLabel: string, o: ChartOptionsIn): SizedChart {
  const rows = visibleRows(breakdown);
  const config = {
    type: 'doughnut',
    data: {
      labels: rows.map((r) => suppressedLabel(r.label[o.lang], r.n)),
      datasets: [
        {
          label: seriesLabel,
          data: rows.map((r) => r.n),
          backgroundColor: rows.map((_, i) => SERIES_COLORS.doughnut[i % SERIES_COLORS.doughnut.length]!),
          borderColor: '#ffffff',
          borderWidth: 2,
        },
      ],
    },
    options: {
      ...baseOptions(o),
      cutout: '55%',
      plugins: { ...baseOptions(o).plugins, legend: { display: true, position: 'right', labels: { boxWidth: 14 } } },
    },
  } as ChartConfiguration;
  return { ...sized(config, o, 240, mmToPx(38)), keys: rows.map((r) => r.key) };
}
