import type { ChartDataset } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { Breakdown, Report } from '../../core/reports/report-types';
import {
  byCountDesc,
  channelChart,
  languageChart,
  monthlyChart,
  referralChart,
  topicChart,
  topicRows,
  visibleRows,
} from '../../renderer/reports/chart-configs';

const label = (de: string, en = de) => ({ de, en });
const breakdown = (rows: Breakdown['rows'], total: number | null = null): Breakdown => ({
  rows,
  total: total ?? rows.reduce((s, r) => s + (r.n ?? 0), 0),
});
const comparison: Report['comparisons']['yearBefore'] = {
  period: { from: '2024-04-01', to: '2024-04-30', days: 30 },
  current: { from: '2024-05-01', to: '2024-05-31', days: 31 },
  basis: 'wholeMonths',
  running: false,
  partial: false,
  comparable: true,
  reason: null,
  total: 0,
  delta: 0,
  deltaPct: null,
  smallBase: true,
};

/** A small hand-made report: three months, one suppressed, topics with a multi-topic contact, a retired language. */
function report(overrides: Partial<Report> = {}): Report {
  return {
    generatedAt: '2024-07-01T08:00:00Z',
    site: { name: 'Test', timeZone: 'Europe/Vienna', openingDate: '2021-06-01' },
    period: { from: '2024-04-01', to: '2024-06-30', days: 91 },
    publication: { enabled: false, threshold: 3, method: 'cellKey' },
    filters: [],
    total: 15,
    monthly: [
      { month: '2024-04', n: 7, cumulative: 7 },
      { month: '2024-05', n: null, cumulative: null },
      { month: '2024-06', n: 6, cumulative: 15 },
    ],
    byTopic: {
      contacts: breakdown(
        [
          { key: 1, label: label('Arbeit', 'Work'), n: 4 },
          { key: 2, label: label('Wohnen', 'Housing'), n: 9 },
          { key: 3, label: label('Gesundheit', 'Health'), n: null },
        ],
        15,
      ),
      mentions: breakdown(
        [
          { key: 2, label: label('Wohnen', 'Housing'), n: 10 },
          { key: 1, label: label('Arbeit', 'Work'), n: 6 },
          { key: 3, label: label('Gesundheit', 'Health'), n: null },
          { key: 4, label: label('Pflege', 'Care'), n: 2 },
        ],
        20,
      ),
    },
    byReferral: breakdown([
      { key: 10, label: label('Caritas'), n: 3 },
      { key: 11, label: label('AMS Leibnitz'), n: 5 },
    ]),
    byLanguage: breakdown(
      [
        { key: 1, label: label('Deutsch', 'German'), n: 12 },
        { key: 2, label: label('Arabisch', 'Arabic'), n: null },
        { key: 3, label: label('Latein', 'Latin'), n: 0, retired: true },
        { key: 4, label: label('Ungarisch', 'Hungarian'), n: 1, retired: true },
      ],
      15,
    ),
    byChannel: breakdown(
      [
        { key: 'in_person', label: label('persönlich', 'in person'), n: 10 },
        { key: 'phone', label: label('Telefon', 'phone'), n: 5 },
        { key: 'email', label: label('E-Mail', 'e-mail'), n: null },
      ],
      15,
    ),
    byAsker: breakdown([]),
    byDesk: breakdown([]),
    byThemeDay: breakdown([]),
    series: { unit: 'month', points: [] },
    contactsWithReferral: 8,
    bySdg: { rows: [], total: 0, contacts: 0 },
    heatmap: Array.from({ length: 7 }, () => Array<number | null>(24).fill(0)),
    openHours: { hours: 0, contacts: 0, perOpenHour: null, bySlot: [], closedDays: 0, closed: [], openDays: [0, 0, 0, 0, 0, 0, 0] },
    comparisons: { previousPeriod: comparison, yearBefore: comparison },
    themeDays: [],
    topicReferrals: { rows: [], columns: [], cells: [], rowTotals: [], columnTotals: [], total: 0 },
    headline: { de: 'x', en: 'x', sinceOpening: { from: '2021-06-01', total: 15, months: 37 } },
    ...overrides,
  };
}

const datasets = (c: { config: { data: { datasets: unknown[] } } }) => c.config.data.datasets as ChartDataset<'bar' | 'line', (number | null)[]>[];

describe('monthly chart', () => {
  it('has one label per month in the UI language and marks a suppressed month with ·', () => {
    expect(monthlyChart(report(), { lang: 'de' }).config.data.labels).toEqual(['April 2024', 'Mai 2024 ·', 'Juni 2024']);
    expect(monthlyChart(report(), { lang: 'en' }).config.data.labels).toEqual(['April 2024', 'May 2024 ·', 'June 2024']);
  });

  it('draws bars on the left axis and the cumulative line on the right, null as a gap', () => {
    const [bars, line] = datasets(monthlyChart(report(), { lang: 'de' }));
    expect(bars).toMatchObject({ type: 'bar', yAxisID: 'y', data: [7, null, 6] });
    expect(line).toMatchObject({ type: 'line', yAxisID: 'y1', data: [7, null, 15], spanGaps: false });
    const scales = monthlyChart(report(), { lang: 'de' }).config.options!.scales as Record<string, { position: string }>;
    expect(scales.y!.position).toBe('left');
    expect(scales.y1!.position).toBe('right');
  });

  it('labels both series in German and in English', () => {
    expect(datasets(monthlyChart(report(), { lang: 'de' })).map((d) => d.label)).toEqual(['Kontakte je Monat', 'Kontakte kumuliert']);
    expect(datasets(monthlyChart(report(), { lang: 'en' })).map((d) => d.label)).toEqual(['Contacts per month', 'Contacts, cumulative']);
  });

  it('uses short month names when there are many months', () => {
    const monthly = Array.from({ length: 12 }, (_, i) => ({ month: `2023-${String(i + 1).padStart(2, '0')}`, n: i, cumulative: i }));
    const labels = monthlyChart(report({ monthly }), { lang: 'de' }).config.data.labels as string[];
    expect(labels).toHaveLength(12);
    expect(labels[0]).toMatch(/^Jän\.? 23$|^Jan\.? 23$/);
  });
});

describe('topic chart', () => {
  it('shows contacts and mentions as two labelled series matched by topic, most contacts first', () => {
    const de = topicChart(report(), { lang: 'de' });
    expect(de.config.data.labels).toEqual(['Wohnen', 'Arbeit', 'Gesundheit ·', 'Pflege']);
    const [contacts, mentions] = datasets(de);
    expect(contacts).toMatchObject({ label: 'Kontakte (erstes Thema)', data: [9, 4, null, 0] });
    expect(mentions).toMatchObject({ label: 'Themennennungen', data: [10, 6, null, 2] });
    const en = topicChart(report(), { lang: 'en' });
    expect(en.config.data.labels).toEqual(['Housing', 'Work', 'Health ·', 'Care']);
    expect(datasets(en).map((d) => d.label)).toEqual(['Contacts (first topic)', 'Topic mentions']);
  });

  it('is a horizontal bar chart that grows with the number of topics', () => {
    const c = topicChart(report(), { lang: 'de' });
    expect(c.config.type).toBe('bar');
    expect((c.config.options as { indexAxis: string }).indexAxis).toBe('y');
    expect(c.height).toBeGreaterThanOrEqual(56 + 4 * 30);
  });

  it('the rows the topic table shows are the same', () => {
    expect(topicRows(report()).map((r) => [r.key, r.contacts, r.mentions])).toEqual([
      [2, 9, 10],
      [1, 4, 6],
      [3, null, null],
      [4, 0, 2],
    ]);
  });
});

describe('language and referral charts', () => {
  it('drop retired entries without contacts, keep suppressed ones last as gaps', () => {
    const c = languageChart(report(), { lang: 'de' });
    expect(c.config.data.labels).toEqual(['Deutsch', 'Ungarisch', 'Arabisch ·']);
    expect(datasets(c)[0]).toMatchObject({ label: 'Kontakte', data: [12, 1, null] });
    expect(languageChart(report(), { lang: 'en' }).config.data.labels).toEqual(['German', 'Hungarian', 'Arabic ·']);
  });

  it('referrals sorted by count with their series label in both languages', () => {
    const de = referralChart(report(), { lang: 'de' });
    expect(de.config.data.labels).toEqual(['AMS Leibnitz', 'Caritas']);
    expect(datasets(de)[0]).toMatchObject({ label: 'Weitervermittlungen', data: [5, 3] });
    expect(datasets(referralChart(report(), { lang: 'en' }))[0]!.label).toBe('Referrals');
  });

  it('a single series needs no legend', () => {
    const legend = (languageChart(report(), { lang: 'de' }).config.options!.plugins as { legend: { display: boolean } }).legend;
    expect(legend.display).toBe(false);
  });
});

describe('channel doughnut', () => {
  it('one slice per channel, suppressed as null and marked in the legend', () => {
    const c = channelChart(report(), { lang: 'de' });
    expect(c.config.type).toBe('doughnut');
    expect(c.config.data.labels).toEqual(['persönlich', 'Telefon', 'E-Mail ·']);
    const [ds] = c.config.data.datasets as { data: (number | null)[]; backgroundColor: string[] }[];
    expect(ds!.data).toEqual([10, 5, null]);
    expect(new Set(ds!.backgroundColor).size).toBe(3);
    expect(channelChart(report(), { lang: 'en' }).config.data.labels).toEqual(['in person', 'phone', 'e-mail ·']);
  });
});

describe('screen and print', () => {
  it('screen charts follow their container; print charts have a fixed size and no animation', () => {
    for (const make of [monthlyChart, topicChart, languageChart, referralChart, channelChart]) {
      const screen = make(report(), { lang: 'de' }).config.options as Record<string, unknown>;
      const print = make(report(), { lang: 'de', print: true }).config.options as Record<string, unknown>;
      expect(screen.responsive).toBe(true);
      expect(screen.animation).toBeUndefined();
      expect(print.responsive).toBe(false);
      expect(print.animation).toBe(false);
      expect(print.locale).toBe('de');
    }
  });

  it('number ticks use the UI language', () => {
    expect((monthlyChart(report(), { lang: 'en' }).config.options as { locale: string }).locale).toBe('en');
  });
});

describe('row helpers', () => {
  it('byCountDesc keeps equal counts in their given order and puts suppressed rows last', () => {
    const rows = [
      { key: 1, label: label('a'), n: 2 },
      { key: 2, label: label('b'), n: null },
      { key: 3, label: label('c'), n: 5 },
      { key: 4, label: label('d'), n: 2 },
    ];
    expect(byCountDesc(rows).map((r) => r.key)).toEqual([3, 1, 4, 2]);
  });

  it('visibleRows hides only retired rows with no contacts', () => {
    expect(visibleRows(report().byLanguage).map((r) => r.key)).toEqual([1, 2, 4]);
  });
});
