import { localParts, type LocalParts } from './local-parts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The zone's offset from UTC at an instant on a whole minute, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(Number(p.day.slice(0, 4)), Number(p.day.slice(5, 7)) - 1, Number(p.day.slice(8, 10)), p.hour, p.minute) - instant;
}

/**
 * `localParts` for many instants of one zone, many times faster: Intl is asked for the offset at
 * the first and last minute of each UTC day. Where the two agree the offset holds all day (zones
 * change at most once a day, on a whole minute); a day with a change is looked at hour by hour
 * the same way, and the hour with the change (not always on the hour: Newfoundland changes at
 * :30 UTC) instant by instant. 100,000 contacts over four years need about 3,000 Intl calls.
 */
export function localPartsReader(timeZone: string): (instant: number) => LocalParts {
  const constant = (from: number, length: number) => {
    const first = offsetAt(from, timeZone);
    return first === offsetAt(from + length - MINUTE_MS, timeZone) ? first : null;
  };
  const days = new Map<number, number | null>();
  const hours = new Map<number, number | null>();
  const offsetOf = (instant: number): number | null => {
    const day = Math.floor(instant / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) days.set(day, (offset = constant(day * DAY_MS, DAY_MS)));
    if (offset !== null) return offset;
    const hour = Math.floor(instant / HOUR_MS);
    let hourly = hours.get(hour);
    if (hourly === undefined) hours.set(hour, (hourly = constant(hour * HOUR_MS, HOUR_MS)));
    return hourly;
  };
  return (instant) => {
    const offset = offsetOf(instant);
    if (offset === null) return localParts(instant, timeZone);
    const wall = new Date(instant + offset);
    const day = wall.toISOString().slice(0, 10);
    return { day, month: day.slice(0, 7), weekday: wall.getUTCDay() || 7, hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
  };
}
