import { describe, expect, it } from 'vitest';
import { comparisonSpans, shiftMonths, splitsImportedMonth } from '../../core/reports/comparison-periods';

const OPENING = '2021-06-01';
const spans = (from: string, to: string, today: string, opening = OPENING) => comparisonSpans(from, to, today, opening);

describe('comparison periods: calendar edges', () => {
  it('a day moved by months keeps its day of the month, clamped to a shorter month; a month’s last day stays a last day', () => {
    expect(shiftMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(shiftMonths('2026-03-30', -1)).toBe('2026-02-28');
    expect(shiftMonths('2024-03-30', -1)).toBe('2024-02-29');
    expect(shiftMonths('2026-04-30', -1)).toBe('2026-03-31');
    expect(shiftMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(shiftMonths('2025-02-28', -12)).toBe('2024-02-29');
    expect(shiftMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(shiftMonths('2024-02-28', -12)).toBe('2023-02-28');
    expect(shiftMonths('2026-12-01', -55)).toBe('2022-05-01');
  });

  it('“Dieser Monat” on the last day of March is a whole month: against all of February', () => {
    const s = spans('2026-03-01', '2026-03-31', '2026-03-31');
    expect(s.previousPeriod).toMatchObject({
      basis: 'wholeMonths',
      running: true,
      current: { from: '2026-03-01', to: '2026-03-31' },
      compared: { from: '2026-02-01', to: '2026-02-28' },
    });
    expect(s.yearBefore.compared).toEqual({ from: '2025-03-01', to: '2025-03-31' });
  });

  it('on 30 March the same days of February are at most its 28 or 29 days', () => {
    expect(spans('2026-03-01', '2026-03-30', '2026-03-30').previousPeriod).toMatchObject({
      basis: 'monthDays',
      compared: { from: '2026-02-01', to: '2026-02-28' },
    });
    expect(spans('2024-03-01', '2024-03-30', '2024-03-30').previousPeriod.compared).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('29 February: this month against all of February a year earlier, this year against 1 January–28 February', () => {
    expect(spans('2024-02-01', '2024-02-29', '2024-02-29').yearBefore).toMatchObject({
      basis: 'wholeMonths',
      compared: { from: '2023-02-01', to: '2023-02-28' },
    });
    expect(spans('2024-01-01', '2024-02-29', '2024-02-29').yearBefore.compared).toEqual({ from: '2023-01-01', to: '2023-02-28' });
    // A custom range starting on 29 February: the same days a year earlier, 29 February read as 28.
    expect(spans('2024-02-29', '2024-03-10', '2026-01-01').yearBefore).toMatchObject({ basis: 'days', compared: { from: '2023-02-28', to: '2023-03-10' } });
  });

  it('on the 1st of a month, “Dieser Monat” is one day, against the 1st of the month before', () => {
    expect(spans('2026-12-01', '2026-12-01', '2026-12-01').previousPeriod).toMatchObject({
      basis: 'monthDays',
      running: true,
      compared: { from: '2026-11-01', to: '2026-11-01' },
    });
  });

  it('a month-aligned range running past today: its days so far against as many months before, cut the same way', () => {
    const s = spans('2026-10-01', '2026-12-31', '2026-12-06');
    expect(s.previousPeriod).toMatchObject({
      basis: 'monthDays',
      running: true,
      current: { from: '2026-10-01', to: '2026-12-06' },
      compared: { from: '2026-07-01', to: '2026-09-06' },
    });
    expect(s.yearBefore.compared).toEqual({ from: '2025-10-01', to: '2025-12-06' });
  });

  it('a past range from the 1st to mid-month compares month-wise whatever day it is today', () => {
    for (const today of ['2026-11-15', '2026-11-16', '2027-05-01']) {
      expect(spans('2026-11-01', '2026-11-15', today).previousPeriod.compared).toEqual({ from: '2026-10-01', to: '2026-10-15' });
    }
  });

  it('a period that starts on the opening date is not partial; a compared period ending the day before the opening is not compared', () => {
    const s = spans('2022-06-01', '2022-06-30', '2026-01-01');
    expect(s.yearBefore).toMatchObject({ compared: { from: '2021-06-01', to: '2021-06-30' }, partial: false, reason: null });
    expect(spans('2021-06-01', '2021-06-30', '2026-01-01').previousPeriod).toMatchObject({
      compared: { from: '2021-05-01', to: '2021-05-31' },
      reason: 'beforeOpening',
    });
    expect(spans('2021-06-10', '2021-06-30', '2026-01-01', '2021-06-01').previousPeriod).toMatchObject({
      compared: { from: '2021-06-01', to: '2021-06-09' },
      partial: true,
      reason: 'startsBeforeOpening',
    });
  });

  it('an imported month splits a span that holds its first day but not its last', () => {
    expect(splitsImportedMonth({ from: '2026-10-01', to: '2026-10-15' }, ['2026-10'], OPENING)).toBe(true);
    expect(splitsImportedMonth({ from: '2026-10-01', to: '2026-10-31' }, ['2026-10'], OPENING)).toBe(false);
    expect(splitsImportedMonth({ from: '2026-10-02', to: '2026-10-31' }, ['2026-10'], OPENING)).toBe(false); // it counts in the period holding 1 October
    // The opening month counts on the opening date.
    expect(splitsImportedMonth({ from: '2021-06-10', to: '2021-06-20' }, ['2021-06'], '2021-06-10')).toBe(true);
  });
});
