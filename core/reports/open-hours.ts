import type { OpeningSlot } from '../catalog/catalog-types';
import { eachDay, weekdayOf } from './calendar-days';
import type { OpenSlotFigures } from './report-types';

/**
 * Open hours in `[from, to]` by the weekly opening hours, counting only days that can have
 * contacts: from the opening date, and not after today (a report of the running month divides
 * by the hours that have happened).
 */
export function openHoursIn(from: string, to: string, slots: readonly OpeningSlot[], openingDate: string, today: string): number {
  const first = from < openingDate ? openingDate : from;
  const last = to > today ? today : to;
  if (last < first) return 0;
  const perWeekday = new Map<number, number>();
  for (const s of slots) perWeekday.set(s.weekday, (perWeekday.get(s.weekday) ?? 0) + (s.endHour - s.startHour));
  let hours = 0;
  for (const day of eachDay(first, last)) hours += perWeekday.get(weekdayOf(day)) ?? 0;
  return hours;
}

/** Per weekly slot: hours in the period and the contacts the heat map shows in those hours. */
export function openSlotFigures(
  heatmap: (number | null)[][],
  slots: readonly OpeningSlot[],
  hoursOf: (slot: OpeningSlot) => number,
): OpenSlotFigures[] {
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || a.startHour - b.startHour)
    .map((slot) => {
      const hours = hoursOf(slot);
      const cells = (heatmap[slot.weekday - 1] ?? []).slice(slot.startHour, slot.endHour);
      const contacts = cells.some((n) => n === null) ? null : cells.reduce<number>((s, n) => s + (n ?? 0), 0);
      return { ...slot, hours, contacts, perOpenHour: contacts === null || hours === 0 ? null : Math.round((contacts / hours) * 100) / 100 };
    });
}
