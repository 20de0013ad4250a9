import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from '../../renderer/app/route';
import { formatter, share } from '../../renderer/ui/format';
import { matchingQuickPeriod, quickPeriod, todayIn } from '../../renderer/reports/period';
import { luminanceContrast, relativeLuminance } from '../../renderer/ui/text-contrast';
import { heatColors, heatmapHours, trimCrossTable } from '../../renderer/reports/report-tables';
import { slotProblems, themeDayInput } from '../../renderer/manage/settings/editor-helpers';

describe('number formatting follows the UI language', () => {
  it('German: 6.143 and 12,5; English: 6,143 and 12.5; suppressed is ·', () => {
    const de = formatter('de');
    const en = formatter('en');
    expect(de.count(6143)).toBe('6.143');
    expect(de.decimal(12.5)).toBe('12,5');
    expect(en.count(6143)).toBe('6,143');
    expect(en.decimal(12.5)).toBe('12.5');
    expect(de.count(null)).toBe('·');
    expect(en.decimal(null)).toBe('·');
  });

  it('signed percentages and counts with a real minus sign', () => {
    const de = formatter('de');
    expect(de.percent(12.5, { signed: true }).replace(/\s/g, ' ')).toBe('+12,5 %');
    expect(de.percent(-3.54, { signed: true }).replace(/\s/g, ' ')).toBe('−3,5 %');
    expect(de.signed(-37)).toBe('−37');
    expect(formatter('en').percent(null)).toBe('–');
  });

  it('days, months and weekdays', () => {
    expect(formatter('de').day('2021-06-01')).toBe('01.06.2021');
    expect(formatter('en').day('2021-06-01')).toBe('1 Jun 2021');
    expect(formatter('de').month('2024-03')).toBe('März 2024');
    expect(formatter('de').weekday(1)).toBe('Montag');
    expect(formatter('en').weekday(7)).toBe('Sunday');
    expect(formatter('de').range('2024-05-01', '2024-05-31')).toBe('01.05.2024 – 31.05.2024');
  });

  it('share is null when either side is unknown or the total is zero', () => {
    expect(share(1, 4)).toBe(25);
    expect(share(null, 4)).toBeNull();
    expect(share(1, 0)).toBeNull();
  });
});

describe('quick periods', () => {
  it('this month, last month (over a year end), this year, since opening', () => {
    expect(quickPeriod('thisMonth', '2024-03-15', '2021-06-01')).toEqual({ from: '2024-03-01', to: '2024-03-15' });
    expect(quickPeriod('lastMonth', '2024-03-15', '2021-06-01')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(quickPeriod('lastMonth', '2024-01-02', '2021-06-01')).toEqual({ from: '2023-12-01', to: '2023-12-31' });
    expect(quickPeriod('thisYear', '2024-03-15', '2021-06-01')).toEqual({ from: '2024-01-01', to: '2024-03-15' });
    expect(quickPeriod('sinceOpening', '2024-03-15', '2021-06-01')).toEqual({ from: '2021-06-01', to: '2024-03-15' });
  });

  it('a custom period that equals a quick choice is recognised', () => {
    expect(matchingQuickPeriod({ from: '2024-02-01', to: '2024-02-29' }, '2024-03-15', '2021-06-01')).toBe('lastMonth');
    expect(matchingQuickPeriod({ from: '2024-02-02', to: '2024-02-29' }, '2024-03-15', '2021-06-01')).toBeNull();
  });

  it('today is taken in the site time zone', () => {
    expect(todayIn('Europe/Vienna', new Date('2024-03-31T22:30:00Z'))).toBe('2024-04-01');
    expect(todayIn('UTC', new Date('2024-03-31T22:30:00Z'))).toBe('2024-03-31');
  });
});

describe('hash routes', () => {
  it('desk by default; reports with a quick or custom period; print with from, to and pub', () => {
    expect(parseHash('')).toEqual({ screen: 'desk' });
    expect(parseHash('#/whatever')).toEqual({ screen: 'desk' });
    expect(parseHash('#/reports')).toEqual({ screen: 'reports', tab: 'report', period: { publication: false } });
    expect(parseHash('#/reports?period=lastMonth&pub=1')).toEqual({ screen: 'reports', tab: 'report', period: { quick: 'lastMonth', publication: true } });
    expect(parseHash('#/reports/theme-days')).toMatchObject({ screen: 'reports', tab: 'themeDays' });
    expect(parseHash('#/print?from=2024-05-01&to=2024-05-31&pub=1')).toEqual({ screen: 'print', from: '2024-05-01', to: '2024-05-31', publication: true });
  });

  it('refuses malformed periods', () => {
    expect(parseHash('#/print?from=2024-05-31&to=2024-05-01')).toEqual({ screen: 'desk' });
    expect(parseHash('#/reports?from=2024-02-30&to=2024-03-01').screen).toBe('reports');
    expect((parseHash('#/reports?from=2024-02-30&to=2024-03-01') as { period: object }).period).toEqual({ publication: false });
  });

  it('round-trips', () => {
    for (const hash of [
      '#/',
      '#/reports',
      '#/reports/settings?period=thisYear',
      '#/reports?from=2024-01-01&to=2024-01-31&pub=1',
      '#/print?from=2024-01-01&to=2024-01-31',
    ]) {
      expect(routeHash(parseHash(hash))).toBe(hash);
    }
  });
});

describe('report table helpers', () => {
  it('heat-map columns span the hours with anything in them, at least 8 to 17', () => {
    const heatmap = Array.from({ length: 7 }, () => Array<number | null>(24).fill(0));
    expect(heatmapHours(heatmap)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    heatmap[2]![6] = null;
    heatmap[4]![19] = 3;
    expect(heatmapHours(heatmap)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('every heat-map shade keeps its number readable (contrast at least 4.5 : 1)', () => {
    for (let i = 0; i <= 100; i++) {
      const { backgroundColor, color } = heatColors(i / 100);
      const bg = relativeLuminance(backgroundColor.match(/\d+/g)!.map(Number) as [number, number, number]);
      expect(luminanceContrast(bg, color === '#ffffff' ? 1 : 0), `shade ${i}%`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('the cross-table drops topics and organisations without contacts, but keeps suppressed ones', () => {
    const trimmed = trimCrossTable({
      rows: [1, 2, 3].map((key) => ({ key, label: { de: `t${key}`, en: `t${key}` } })),
      columns: [10, 11].map((key) => ({ key, label: { de: `o${key}`, en: `o${key}` } })),
      cells: [
        [5, 0],
        [0, 0],
        [null, 0],
      ],
      rowTotals: [5, 0, null],
      columnTotals: [null, 0],
      total: null,
    });
    expect(trimmed.rows.map((r) => r.key)).toEqual([1, 3]);
    expect(trimmed.columns.map((c) => c.key)).toEqual([10]);
    expect(trimmed.cells).toEqual([[5], [null]]);
  });
});

describe('editor helpers', () => {
  it('a weekly theme day sends its weekday and validity, a single one its date only', () => {
    const base = {
      title: ' Flucht und Migration ',
      organisationId: 6,
      day: '2024-05-07',
      weekday: 2,
      startHour: 9,
      endHour: 12,
      validFrom: '2024-01-01',
      validTo: '',
    };
    expect(themeDayInput({ ...base, kind: 'weekly' })).toEqual({
      title: 'Flucht und Migration',
      organisationId: 6,
      kind: 'weekly',
      weekday: 2,
      startHour: 9,
      endHour: 12,
      validFrom: '2024-01-01',
    });
    expect(themeDayInput({ ...base, id: 4, kind: 'single' })).toEqual({
      id: 4,
      title: 'Flucht und Migration',
      organisationId: 6,
      kind: 'single',
      day: '2024-05-07',
      startHour: 9,
      endHour: 12,
    });
  });

  it('opening slots that overlap on a weekday or end before they start are flagged', () => {
    expect(
      slotProblems([
        { weekday: 1, startHour: 9, endHour: 12 },
        { weekday: 1, startHour: 13, endHour: 15 },
        { weekday: 2, startHour: 9, endHour: 12 },
      ]),
    ).toEqual([]);
    expect(
      slotProblems([
        { weekday: 1, startHour: 9, endHour: 12 },
        { weekday: 1, startHour: 11, endHour: 15 },
      ]).sort(),
    ).toEqual([0, 1]);
    expect(slotProblems([{ weekday: 1, startHour: 12, endHour: 12 }])).toEqual([0]);
  });
});
