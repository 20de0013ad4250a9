import { describe, expect, it } from 'vitest';
import { ApiError } from '../../core/base/errors';
import { resolvePeriodRule } from '../../core/views/period-rules';
import { RELATIVE_PERIOD_KINDS, type PeriodRule } from '../../core/views/view-types';
import { quickPeriod } from '../../renderer/reports/period';

const OPENED = '2021-06-01';
const at = (kind: PeriodRule['kind'], today: string, openingDate = OPENED) => resolvePeriodRule({ kind } as PeriodRule, today, openingDate);

describe('period rules (core/views/period-rules.ts)', () => {
  it('months, quarters and years: "this" runs up to today, "last" is the whole span before', () => {
    expect(at('thisMonth', '2026-03-10')).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    expect(at('lastMonth', '2026-03-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(at('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(at('lastMonth', '2026-01-01')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(at('thisQuarter', '2026-03-31')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(at('thisQuarter', '2026-04-01')).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(at('thisQuarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(at('lastQuarter', '2026-01-15')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(at('lastQuarter', '2026-04-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(at('lastQuarter', '2026-09-30')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(at('thisYear', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(at('thisYear', '2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(at('lastYear', '2026-01-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(at('last12Months', '2026-03-10')).toEqual({ from: '2025-03-01', to: '2026-02-28' });
    expect(at('last12Months', '2026-01-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(at('last12Months', '2024-03-01')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(at('sinceOpening', '2026-03-10')).toEqual({ from: OPENED, to: '2026-03-10' });
  });

  it('never reaches past today, never starts before the opening date, for every rule and many days', () => {
    for (let t = Date.parse('2021-05-01T00:00:00Z'); t < Date.parse('2023-02-01T00:00:00Z'); t += 86_400_000 * 3) {
      const today = new Date(t).toISOString().slice(0, 10);
      for (const kind of RELATIVE_PERIOD_KINDS) {
        let period;
        try {
          period = at(kind, today);
        } catch (err) {
          // Only a period wholly before the opening has no days.
          expect(err, `${kind} on ${today}`).toBeInstanceOf(ApiError);
          expect(today < '2022-07-01', `${kind} on ${today}`).toBe(true);
          continue;
        }
        expect(period.from <= period.to, `${kind} on ${today}`).toBe(true);
        expect(period.to <= today, `${kind} on ${today}`).toBe(true);
        expect(period.from >= OPENED, `${kind} on ${today}`).toBe(true);
      }
    }
  });

  it('the opening date cuts a period short; a period wholly before it is refused naming the field period', () => {
    // Opened 15 January 2026.
    expect(at('thisYear', '2026-03-10', '2026-01-15')).toEqual({ from: '2026-01-15', to: '2026-03-10' });
    expect(at('lastQuarter', '2026-04-02', '2026-01-15')).toEqual({ from: '2026-01-15', to: '2026-03-31' });
    expect(at('thisMonth', '2026-01-20', '2026-01-15')).toEqual({ from: '2026-01-15', to: '2026-01-20' });
    expect(() => at('lastMonth', '2026-01-20', '2026-01-15')).toThrow(
      /"lastMonth" \(2025-12-01 – 2025-12-31\) has no days to report: it ends before the site's opening date 2026-01-15/,
    );
    expect(() => at('lastYear', '2026-03-10', '2026-01-15')).toThrow(ApiError);
    // The opening still ahead: even "since opening" has no days yet.
    let refused: unknown;
    try {
      at('sinceOpening', '2026-03-10', '2026-04-01');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).toBody()).toEqual({
      code: 'invalid_input',
      field: 'period',
      message: 'period: the period "sinceOpening" (2026-04-01 – 2026-03-10) has no days to report: the site opens on 2026-04-01, after today (2026-03-10)',
    });
  });

  it('a fixed range is kept as saved', () => {
    expect(resolvePeriodRule({ kind: 'fixed', from: '2019-01-01', to: '2019-12-31' }, '2026-03-10', OPENED)).toEqual({ from: '2019-01-01', to: '2019-12-31' });
  });

  it('the report screen’s quick choices are the same rules, and still give a period where the rule has none', () => {
    for (const kind of ['thisMonth', 'lastMonth', 'thisYear', 'sinceOpening'] as const) {
      expect(quickPeriod(kind, '2026-03-10', OPENED)).toEqual(at(kind, '2026-03-10'));
    }
    expect(quickPeriod('sinceOpening', '2026-03-10', '2026-04-01')).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(quickPeriod('lastMonth', '2026-01-20', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});
