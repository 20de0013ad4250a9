import { describe, expect, it } from 'vitest';
import { localParts } from '../../core/time/local-parts';
import { localPartsReader } from '../../core/time/local-parts-reader';

/** Zones with summer time on the hour (Vienna, New York), on the half hour UTC (St John's), by half an hour (Lord Howe), and none (Kathmandu). */
const ZONES = ['Europe/Vienna', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];

describe('local parts of many instants', () => {
  it.each(ZONES)('agree with localParts minute by minute around every change of %s in 2025–2026', (zone) => {
    const read = localPartsReader(zone);
    const start = Date.parse('2025-01-01T00:00:00Z');
    const end = Date.parse('2027-01-01T00:00:00Z');
    // Every 7 minutes and 13 seconds: odd enough to land on every minute of the hour over two years.
    for (let t = start; t < end; t += 433_000) {
      const expected = localParts(t, zone);
      const got = read(t);
      if (
        got.day !== expected.day ||
        got.hour !== expected.hour ||
        got.minute !== expected.minute ||
        got.weekday !== expected.weekday ||
        got.month !== expected.month
      ) {
        expect({ at: new Date(t).toISOString(), ...got }).toEqual({ at: new Date(t).toISOString(), ...expected });
      }
    }
  });

  it('the minute a clock changes is read on the right side of the change', () => {
    const read = localPartsReader('America/St_Johns');
    // 8 March 2026, 02:00 NST (05:30 UTC) becomes 03:00 NDT.
    expect(read(Date.parse('2026-03-08T05:29:59Z'))).toMatchObject({ hour: 1, minute: 59 });
    expect(read(Date.parse('2026-03-08T05:30:00Z'))).toMatchObject({ hour: 3, minute: 0 });
  });
});
