import { describe, expect, it } from 'vitest';
import { askerChart, channelChart } from '../../renderer/reports/chart-configs';
import { sdgChart, seriesChart, seriesPointLabel } from '../../renderer/reports/figure-charts';
import { formatter } from '../../renderer/ui/format';
import { reportFixture } from '../exports/report-fixture';

const data = (c: { config: { data: { datasets: { data: unknown; label?: string }[] } } }) => c.config.data.datasets.map((d) => d.data);

describe('the charts of the SDG section, the series and who asked', () => {
  it('who asked is a doughnut like the channels, one slice per kind of asker', () => {
    const r = reportFixture();
    const chart = askerChart(r, { lang: 'de' });
    expect((chart.config as { type: string }).type).toBe('doughnut');
    expect((chart.config as { type: string }).type).toBe((channelChart(r, { lang: 'de' }).config as { type: string }).type);
    expect(chart.config.data.labels).toEqual(['Bürger*in', 'Organisation']);
    expect(data(chart)).toEqual([[84, 41]]);
  });

  it('SDG goals as bars with number and name, suppressed ones as gaps marked with ·', () => {
    const r = reportFixture();
    expect(sdgChart(r, { lang: 'de' }).config.data.labels).toEqual([
      '1 Keine Armut ·',
      '8 Menschenwürdige Arbeit und Wirtschaftswachstum',
      '11 Nachhaltige Städte und Gemeinden',
    ]);
    expect(sdgChart(r, { lang: 'en' }).config.data.labels).toEqual([
      '1 No poverty ·',
      '8 Decent work and economic growth',
      '11 Sustainable cities and communities',
    ]);
    expect(data(sdgChart(r, { lang: 'de' }))).toEqual([[null, 90, 50]]);
  });

  it('a daily series: one bar a day, short labels for a month, the weekday in long ones', () => {
    const r = reportFixture();
    const chart = seriesChart(r, { lang: 'de' });
    expect(chart.config.data.labels).toHaveLength(31);
    expect((chart.config.data.labels as string[]).slice(2, 5)).toEqual(['03.03.', '04.03. ·', '05.03. ·']);
    expect(data(chart)[0]).toEqual(r.series.points.map((p) => p.n));
    // 1 March 2026 is a Sunday; the weekday's short name is the UI's (Intl).
    expect(seriesPointLabel(r.series.points[0]!, 'day', 'de')).toBe(`${formatter('de').weekday(7, 'short')} 01.03.`);
    expect(seriesPointLabel(r.series.points[0]!, 'day', 'en')).toBe(`${formatter('en').weekday(7, 'short')} 1 Mar`);
  });

  it('a weekly series is labelled by ISO week number', () => {
    const r = reportFixture({
      series: {
        unit: 'week',
        points: [
          { key: '2026-W01', from: '2025-12-29', to: '2026-01-04', n: 12 },
          { key: '2026-W02', from: '2026-01-05', to: '2026-01-11', n: null },
        ],
      },
    });
    expect(seriesChart(r, { lang: 'de' }).config.data.labels).toEqual(['KW 1', 'KW 2 ·']);
    expect(seriesChart(r, { lang: 'en' }).config.data.labels).toEqual(['Week 1', 'Week 2 ·']);
  });
});
