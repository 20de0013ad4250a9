import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { Pivot } from '../../core/analysis/pivot-types';
import { baseOptions, countScale, messagesOf, sized, type SizedChart } from '../reports/chart-configs';
import type { ReportLanguage } from '../ui/format';

/** At most this many columns get a colour of their own in the chart; the rest are stacked as one "others" part. */
export const CHART_TOP_COLUMNS = 12;

/** Twelve distinct colours (contrast ≥ 3:1 on white) and a grey for "others". */
const PALETTE = ['#1d5f8a', '#b45309', '#2f6b32', '#7a2e6e', '#6b5300', '#0f6b6b', '#a3223a', '#4b4fb0', '#5c6b00', '#8a4b1d', '#2a7f9e', '#6d3fa0'];
const OTHERS_COLOR = '#8a8f98';

export interface PivotChart extends SizedChart {
  /** True when columns beyond the top ones were stacked together as "others". */
  grouped: boolean;
}

/**
 * The pivot as a horizontal stacked bar chart: one bar per row, one coloured part per column. With more
 * than CHART_TOP_COLUMNS columns only the largest (by column total) stand alone; the others are added up.
 */
export function pivotChart(pivot: Pivot, lang: ReportLanguage): PivotChart {
  const texts = messagesOf(lang);
  const order = pivot.columns.map((_, j) => j).sort((a, b) => pivot.columnTotals[b]! - pivot.columnTotals[a]! || a - b);
  const grouped = order.length > CHART_TOP_COLUMNS;
  const top = grouped ? order.slice(0, CHART_TOP_COLUMNS) : order;
  // Columns keep the table's order in the legend, however large they are.
  const shown = [...top].sort((a, b) => a - b);
  const rest = grouped ? order.slice(CHART_TOP_COLUMNS) : [];
  const datasets: ChartDataset<'bar', number[]>[] = shown.map((j, k) => ({
    label: pivot.columns[j]!.label[lang],
    data: pivot.cells.map((row) => row[j] ?? 0),
    backgroundColor: PALETTE[k % PALETTE.length],
    stack: 'pivot',
    maxBarThickness: 28,
  }));
  if (rest.length > 0)
    datasets.push({
      label: texts.pivot.chartOthers,
      data: pivot.cells.map((row) => rest.reduce((sum, j) => sum + (row[j] ?? 0), 0)),
      backgroundColor: OTHERS_COLOR,
      stack: 'pivot',
      maxBarThickness: 28,
    });
  const base = baseOptions({ lang });
  const config = {
    type: 'bar',
    data: { labels: pivot.rows.map((r) => r.label[lang]), datasets },
    options: {
      ...base,
      indexAxis: 'y',
      scales: {
        x: { ...countScale(), stacked: true },
        y: { stacked: true, ticks: { autoSkip: false } },
      },
    },
  } as ChartConfiguration;
  // A bar of 22 px per row plus room for the legend, which wraps with many columns.
  const legendRows = Math.ceil(datasets.length / 4);
  const height = Math.max(180, 60 + legendRows * 22 + pivot.rows.length * 24);
  return { ...sized(config, { lang }, height, height), grouped };
}
