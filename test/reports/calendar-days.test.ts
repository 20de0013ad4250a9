import { describe, expect, it } from 'vitest';
import { lastDayOfMonth, monthsSpanned, previousPeriod, yearEarlier } from '../../core/reports/calendar-days';

describe('calendar arithmetic of report periods', () => {
  it.each([
    ['2026-03-01', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['2026-01-01', '2026-01-31', '2025-12-01', '2025-12-31'],
    ['2026-04-01', '2026-06-30', '2026-01-01', '2026-03-31'],
    ['2025-01-01', '2025-12-31', '2024-01-01', '2024-12-31'],
    ['2024-03-01', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['2026-03-10', '2026-03-19', '2026-02-28', '2026-03-09'],
    ['2026-03-01', '2026-03-30', '2026-01-30', '2026-02-28'],
  ])('the period before %s – %s is %s – %s', (from, to, wantFrom, wantTo) => {
    expect(previousPeriod(from, to)).toEqual({ from: wantFrom, to: wantTo });
  });

  it('a year earlier keeps the date, and 29 February becomes 28 February', () => {
    expect(yearEarlier('2026-03-15')).toBe('2025-03-15');
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28');
  });

  it('knows month lengths and counts started months', () => {
    expect(['2024-02', '2025-02', '2026-04', '2026-12'].map(lastDayOfMonth)).toEqual(['2024-02-29', '2025-02-28', '2026-04-30', '2026-12-31']);
    expect(monthsSpanned('2021-06-01', '2022-01-31')).toBe(8);
    expect(monthsSpanned('2021-06-01', '2021-06-01')).toBe(1);
    expect(monthsSpanned('2021-06-01', '2021-05-31')).toBe(0);
  });
});
