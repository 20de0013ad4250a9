import { describe, expect, it } from 'vitest';
import type { Breakdown, Report } from '../../core/reports/report-types';
import { askerChart, channelChart, languageChart, referralChart, topicChart, type SizedChart } from '../../renderer/reports/chart-configs';
import { sdgChart } from '../../renderer/reports/figure-charts';
import { reportFixture } from '../exports/report-fixture';

/** Each bar's (or slice's) label paired with the key a click on it filters by. */
const pairs = (chart: SizedChart) => (chart.config.data.labels as string[]).map((label, i) => [label, chart.keys?.[i]] as const);

/** What a category's label and key must be in the report itself: the same row (the engine's language keys are codes, e2e). */
const rowsOf = (b: Breakdown) => new Map(b.rows.map((r) => [r.label.de, r.key]));
const strip = (label: string) => label.replace(/ ·$/, '');

describe('drill-down keys of the charts', () => {
  const report: Report = reportFixture({ publication: { enabled: false, threshold: 3, method: 'cellKey' } });
  const cases: [string, SizedChart, Breakdown][] = [
    ['languages', languageChart(report, { lang: 'de' }), report.byLanguage],
    ['referrals', referralChart(report, { lang: 'de' }), report.byReferral],
    ['channels', channelChart(report, { lang: 'de' }), report.byChannel],
    ['askers', askerChart(report, { lang: 'de' }), report.byAsker],
    ['topics', topicChart(report, { lang: 'de' }), report.byTopic.mentions],
    ['sdgs', sdgChart(report, { lang: 'de' }), report.bySdg],
  ];

  it.each(cases)('%s: one key per category, in the chart’s own order, the key of the row the bar shows', (_name, chart, breakdown) => {
    const labels = chart.config.data.labels as string[];
    expect(labels.length).toBeGreaterThan(0);
    expect(chart.keys).toHaveLength(labels.length);
    const byLabel = rowsOf(breakdown);
    for (const [label, key] of pairs(chart)) expect(key, label).toBe(byLabel.get(strip(label)));
  });
});
