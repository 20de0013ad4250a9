import type { ChartConfiguration } from 'chart.js';
import type { Report, SeriesPoint } from '../../core/reports/report-types';
import {
  baseOptions,
  countScale,
  horizontalBars,
  messagesOf,
  mmToPx,
  SERIES_COLORS,
  sized,
  suppressedLabel,
  type ChartOptionsIn,
  type SizedChart,
} from './chart-configs';
import { formatter, type ReportLanguage } from '../ui/format';

/** chart.js configurations of the SDG section and of the daily/weekly series (pure data mapping, like chart-configs.ts). */

/** Contacts per SDG goal as horizontal bars, in goal order ("8 Decent work …"). */
export function sdgChart(report: Report, o: ChartOptionsIn): SizedChart {
  const rows = report.bySdg.rows;
  const chart = horizontalBars(
    rows.map((r) => suppressedLabel(r.label[o.lang], r.n)),
    [{ label: messagesOf(o.lang).sdgReport.chart, data: rows.map((r) => r.n), backgroundColor: SERIES_COLORS.contacts }],
    o,
    messagesOf(o.lang).charts.count,
  );
  return { ...chart, keys: rows.map((r) => r.key) };
}

/** A point's label on the axis: "Mo 03.03." / "Mon 3 Mar" for a day, "KW 10" / "Week 10" for an ISO week, the month otherwise. */
export function seriesPointLabel(p: SeriesPoint, unit: Report['series']['unit'], lang: ReportLanguage, short = false): string {
  const f = formatter(lang);
  if (unit === 'month') return f.month(p.key, short ? 'short' : 'long');
  if (unit === 'week') return messagesOf(lang).series.weekLabel.replace('{{week}}', String(Number(p.key.slice(6))));
  const weekday = f.weekday(isoWeekday(p.key), 'short');
  const date =
    lang === 'de'
      ? `${p.key.slice(8, 10)}.${p.key.slice(5, 7)}.`
      : `${Number(p.key.slice(8, 10))} ${new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(`${p.key}T12:00:00Z`))}`;
  return short ? date : `${weekday} ${date}`;
}

const isoWeekday = (day: string) => ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * The daily or weekly series as bars (the monthly one is `monthlyChart`). Imported monthly counts have
 * no day and are not in it; the section says so below the chart.
 */
export function seriesChart(report: Report, o: ChartOptionsIn): SizedChart {
  const { unit, points } = report.series;
  const title = messagesOf(o.lang).series.title[unit];
  const config = {
    type: 'bar',
    data: {
      labels: points.map((p) => suppressedLabel(seriesPointLabel(p, unit, o.lang, points.length > 14), p.n)),
      datasets: [{ label: title, data: points.map((p) => p.n), backgroundColor: SERIES_COLORS.contacts, maxBarThickness: 48 }],
    },
    options: {
      ...baseOptions(o),
      plugins: { ...baseOptions(o).plugins, legend: { display: false } },
      scales: {
        x: { ticks: { autoSkip: true, maxRotation: 0 } },
        y: { ...countScale(title), position: 'left' },
      },
    },
  } as ChartConfiguration;
  return sized(config, o, 260, mmToPx(48));
}
