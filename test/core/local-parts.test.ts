import { describe, expect, it } from 'vitest';
import { instantOfLocal, localParts, localTimeLabel } from '../../core/time/local-parts';

const VIENNA = 'Europe/Vienna';
const at = (iso: string) => Date.parse(iso);
const wallClock = (iso: string) => {
  const p = localParts(at(iso), VIENNA);
  return `${p.day} ${localTimeLabel(p)}`;
};

describe('local calendar fields in the site zone', () => {
  describe('spring forward: Sunday 29 March 2026, 02:00 CET becomes 03:00 CEST', () => {
    it('half an hour before the jump is 01:30 winter time', () => {
      expect(wallClock('2026-03-29T00:30:00Z')).toBe('2026-03-29 01:30');
    });

    it('the last minute of winter time is 01:59, the next one is 03:00', () => {
      expect(wallClock('2026-03-29T00:59:00Z')).toBe('2026-03-29 01:59');
      expect(wallClock('2026-03-29T01:00:00Z')).toBe('2026-03-29 03:00');
    });

    it('half an hour after the jump is 03:30 summer time; no contact is ever stamped 02:xx', () => {
      expect(wallClock('2026-03-29T01:30:00Z')).toBe('2026-03-29 03:30');
      const hours = new Set<number>();
      for (let t = at('2026-03-29T00:00:00Z'); t < at('2026-03-29T03:00:00Z'); t += 60_000) hours.add(localParts(t, VIENNA).hour);
      expect([...hours].sort()).toEqual([1, 3, 4]);
    });
  });

  describe('fall back: Sunday 25 October 2026, 03:00 CEST becomes 02:00 CET', () => {
    it('00:30 UTC is 02:30 summer time', () => {
      expect(wallClock('2026-10-25T00:30:00Z')).toBe('2026-10-25 02:30');
    });

    it('01:30 UTC is 02:30 again, now winter time, on the same local day', () => {
      expect(wallClock('2026-10-25T01:30:00Z')).toBe('2026-10-25 02:30');
      expect(localParts(at('2026-10-25T01:30:00Z'), VIENNA).weekday).toBe(7);
    });

    it('the local day has 25 hours: hour 2 is seen for two full UTC hours', () => {
      let minutesInHourTwo = 0;
      for (let t = at('2026-10-24T22:00:00Z'); t < at('2026-10-25T23:00:00Z'); t += 60_000) {
        if (localParts(t, VIENNA).hour === 2) minutesInHourTwo++;
      }
      expect(minutesInHourTwo).toBe(120);
    });
  });

  describe('day, month and year edges', () => {
    it('New Year starts in Vienna an hour before it does in UTC', () => {
      expect(localParts(at('2025-12-31T23:30:00Z'), VIENNA)).toEqual({
        day: '2026-01-01',
        month: '2026-01',
        weekday: 4, // Thursday
        hour: 0,
        minute: 30,
      });
      expect(localParts(at('2025-12-31T22:59:00Z'), VIENNA)).toMatchObject({ day: '2025-12-31', month: '2025-12', hour: 23 });
    });

    it('a month starts two hours before UTC in summer time', () => {
      expect(localParts(at('2026-03-31T22:30:00Z'), VIENNA)).toMatchObject({ day: '2026-04-01', month: '2026-04', weekday: 3, hour: 0 });
      expect(localParts(at('2026-03-31T21:59:00Z'), VIENNA)).toMatchObject({ day: '2026-03-31', month: '2026-03', hour: 23 });
    });

    it('29 February exists in a leap year', () => {
      expect(localParts(at('2028-02-28T23:00:00Z'), VIENNA)).toMatchObject({ day: '2028-02-29', month: '2028-02', hour: 0 });
    });

    it('midnight is hour 0, never 24', () => {
      expect(localParts(at('2026-03-09T23:00:00Z'), VIENNA)).toMatchObject({ day: '2026-03-10', hour: 0, minute: 0 });
    });
  });

  it('weekdays are numbered the ISO way: Monday 1 … Sunday 7', () => {
    // Monday 9 March 2026 to Sunday 15 March 2026, each at noon local time (11:00 UTC in winter).
    const weekdays = [9, 10, 11, 12, 13, 14, 15].map((d) => localParts(at(`2026-03-${String(d).padStart(2, '0')}T11:00:00Z`), VIENNA).weekday);
    expect(weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('the same instant gives a different local day in another zone', () => {
    const instant = at('2026-03-10T23:30:00Z');
    expect(localParts(instant, VIENNA).day).toBe('2026-03-11');
    expect(localParts(instant, 'America/New_York').day).toBe('2026-03-10');
  });

  it('an unknown zone name is refused', () => {
    expect(() => localParts(0, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

describe('instantOfLocal: the instant a wall-clock time occurs', () => {
  it.each([
    ['winter time', '2026-03-10', 10, 30, '2026-03-10T09:30:00Z'],
    ['summer time', '2026-07-15', 16, 45, '2026-07-15T14:45:00Z'],
    ['local midnight on New Year', '2026-01-01', 0, 0, '2025-12-31T23:00:00Z'],
    ['just before spring forward', '2026-03-29', 1, 59, '2026-03-29T00:59:00Z'],
    ['first minute of summer time', '2026-03-29', 3, 0, '2026-03-29T01:00:00Z'],
    ['just after fall back, outside the repeated hour', '2026-10-25', 3, 0, '2026-10-25T02:00:00Z'],
  ])('%s: %s %i:%i is %s', (_label, day, hour, minute, expected) => {
    expect(new Date(instantOfLocal(day, hour, minute, VIENNA)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('round-trips every quarter hour of a year; the second pass of the repeated hour maps to the first', () => {
    const HOUR = 60 * 60_000;
    const secondPassStart = at('2026-10-25T01:00:00Z');
    const mismatches: string[] = [];
    for (let t = at('2026-01-01T00:00:00Z'); t < at('2027-01-01T00:00:00Z'); t += 15 * 60_000) {
      const p = localParts(t, VIENNA);
      const expected = t >= secondPassStart && t < secondPassStart + HOUR ? t - HOUR : t;
      if (instantOfLocal(p.day, p.hour, p.minute, VIENNA) !== expected) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it('a time skipped by spring forward lands after the jump, moved forward by the gap', () => {
    const instant = instantOfLocal('2026-03-29', 2, 30, VIENNA);
    expect(instant).toBeGreaterThanOrEqual(at('2026-03-29T01:00:00Z'));
    expect(wallClock(new Date(instant).toISOString())).toBe('2026-03-29 03:30');
  });

  it('a time in the repeated hour of fall back gives its first occurrence (still summer time)', () => {
    expect(new Date(instantOfLocal('2026-10-25', 2, 30, VIENNA)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});
