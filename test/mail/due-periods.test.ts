import { describe, expect, it } from 'vitest';
import { duePeriods, latestPeriod, MAX_CATCH_UP_PERIODS, upcomingPeriod } from '../../core/mail/due-periods';

const p = (from: string, to: string, dueDay: string) => ({ from, to, dueDay });

describe('due periods (core/mail/due-periods.ts)', () => {
  it('last month: due on the 1st for the whole month before, month ends and leap years included', () => {
    expect(latestPeriod('lastMonth', '2026-03-01')).toEqual(p('2026-02-01', '2026-02-28', '2026-03-01'));
    expect(latestPeriod('lastMonth', '2028-03-01')).toEqual(p('2028-02-01', '2028-02-29', '2028-03-01'));
    expect(latestPeriod('lastMonth', '2100-03-15')).toEqual(p('2100-02-01', '2100-02-28', '2100-03-01'));
    expect(latestPeriod('lastMonth', '2000-03-31')).toEqual(p('2000-02-01', '2000-02-29', '2000-03-01'));
    expect(latestPeriod('lastMonth', '2026-05-31')).toEqual(p('2026-04-01', '2026-04-30', '2026-05-01'));
    expect(latestPeriod('lastMonth', '2026-08-01')).toEqual(p('2026-07-01', '2026-07-31', '2026-08-01'));
    // Across the year: January's 1st sends December.
    expect(latestPeriod('lastMonth', '2027-01-01')).toEqual(p('2026-12-01', '2026-12-31', '2027-01-01'));
    expect(latestPeriod('lastMonth', '2026-12-31')).toEqual(p('2026-11-01', '2026-11-30', '2026-12-01'));
  });

  it('last quarter: due on the 1st of January, April, July and October only', () => {
    expect(latestPeriod('lastQuarter', '2026-01-01')).toEqual(p('2025-10-01', '2025-12-31', '2026-01-01'));
    expect(latestPeriod('lastQuarter', '2026-03-31')).toEqual(p('2025-10-01', '2025-12-31', '2026-01-01'));
    expect(latestPeriod('lastQuarter', '2026-04-01')).toEqual(p('2026-01-01', '2026-03-31', '2026-04-01'));
    expect(latestPeriod('lastQuarter', '2026-07-01')).toEqual(p('2026-04-01', '2026-06-30', '2026-07-01'));
    expect(latestPeriod('lastQuarter', '2026-09-30')).toEqual(p('2026-04-01', '2026-06-30', '2026-07-01'));
    expect(latestPeriod('lastQuarter', '2026-10-01')).toEqual(p('2026-07-01', '2026-09-30', '2026-10-01'));
    expect(latestPeriod('lastQuarter', '2026-12-31')).toEqual(p('2026-07-01', '2026-09-30', '2026-10-01'));
  });

  it('last year: due on 2 January, so on 1 January the year before last is still the latest', () => {
    expect(latestPeriod('lastYear', '2027-01-01')).toEqual(p('2025-01-01', '2025-12-31', '2026-01-02'));
    expect(latestPeriod('lastYear', '2027-01-02')).toEqual(p('2026-01-01', '2026-12-31', '2027-01-02'));
    expect(latestPeriod('lastYear', '2027-12-31')).toEqual(p('2026-01-01', '2026-12-31', '2027-01-02'));
    expect(latestPeriod('lastYear', '2029-01-02')).toEqual(p('2028-01-01', '2028-12-31', '2029-01-02'));
  });

  it('every day of four years lies in exactly one latest period that ends before it and falls due on or before it', () => {
    for (const rule of ['lastMonth', 'lastQuarter', 'lastYear'] as const) {
      let previous = latestPeriod(rule, '2026-01-01');
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2030-01-01T00:00:00Z'); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        const period = latestPeriod(rule, day);
        expect(period.dueDay <= day && period.to < period.dueDay && period.from <= period.to).toBe(true);
        // It changes only on its due day, and then to the next period.
        if (period.dueDay !== previous.dueDay) expect([period.dueDay, period.from > previous.to]).toEqual([day, true]);
        expect(upcomingPeriod(rule, day).dueDay > day).toBe(true);
        previous = period;
      }
    }
  });

  it('a schedule created mid-period sends that period when it falls due, never the one before', () => {
    expect(duePeriods('lastMonth', '2026-10-15', '2026-10-31')).toEqual([]);
    expect(duePeriods('lastMonth', '2026-10-15', '2026-11-01')).toEqual([p('2026-10-01', '2026-10-31', '2026-11-01')]);
    expect(duePeriods('lastQuarter', '2026-08-20', '2026-09-30')).toEqual([]);
    expect(duePeriods('lastQuarter', '2026-08-20', '2026-10-01')).toEqual([p('2026-07-01', '2026-09-30', '2026-10-01')]);
    expect(duePeriods('lastYear', '2026-06-01', '2027-01-01')).toEqual([]);
    expect(duePeriods('lastYear', '2026-06-01', '2027-01-02')).toEqual([p('2026-01-01', '2026-12-31', '2027-01-02')]);
    // Created on a due day: that day's period is due at once.
    expect(duePeriods('lastMonth', '2026-11-01', '2026-11-01')).toEqual([p('2026-10-01', '2026-10-31', '2026-11-01')]);
  });

  it('the clock moved past several due dates: each missed period once, oldest first, not once per day', () => {
    expect(duePeriods('lastMonth', '2026-07-10', '2026-11-20')).toEqual([
      p('2026-07-01', '2026-07-31', '2026-08-01'),
      p('2026-08-01', '2026-08-31', '2026-09-01'),
      p('2026-09-01', '2026-09-30', '2026-10-01'),
      p('2026-10-01', '2026-10-31', '2026-11-01'),
    ]);
    expect(duePeriods('lastQuarter', '2025-12-01', '2026-07-01')).toEqual([
      p('2025-10-01', '2025-12-31', '2026-01-01'),
      p('2026-01-01', '2026-03-31', '2026-04-01'),
      p('2026-04-01', '2026-06-30', '2026-07-01'),
    ]);
    expect(duePeriods('lastYear', '2026-01-02', '2028-03-01')).toEqual([
      p('2025-01-01', '2025-12-31', '2026-01-02'),
      p('2026-01-01', '2026-12-31', '2027-01-02'),
      p('2027-01-01', '2027-12-31', '2028-01-02'),
    ]);
  });

  it('years closed: only the last MAX_CATCH_UP_PERIODS periods, no flood', () => {
    const periods = duePeriods('lastMonth', '2020-01-01', '2026-11-20');
    expect(periods).toHaveLength(MAX_CATCH_UP_PERIODS);
    expect(periods.at(-1)).toEqual(p('2026-10-01', '2026-10-31', '2026-11-01'));
    expect(periods[0]!.from).toBe('2025-11-01');
  });
});
