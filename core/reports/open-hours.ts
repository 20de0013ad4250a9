import type { OpeningSlot } from '../catalog/catalog-types';
import type { ClosedDay } from '../closures/closure-types';
import type { SiteCalendar, SiteClock } from '../closures/closed-days';
import { eachDay, weekdayOf } from './calendar-days';
import type { OpenSlotFigures } from './report-types';

/** Hours to two decimals (36 seconds), as the report gives them. */
export const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/**
 * The part of the local hours [startHour, endHour) of `day` that has passed by `now`: all of it on an
 * earlier day, none on a later one, and today the minutes since it began (so at 15:30 a 14–17 slot
 * has 1.5 hours, at 01:00 none).
 */
export function elapsedHours(day: string, startHour: number, endHour: number, now: SiteClock): number {
  if (day < now.day) return endHour - startHour;
  if (day > now.day) return 0;
  return Math.min(Math.max(now.minute - startHour * 60, 0), (endHour - startHour) * 60) / 60;
}

export interface OpenHoursSpan {
  /** Opening hours that have passed, to two decimals. */
  hours: number;
  /** Days whose opening hours would have counted by now but on which the site was closed, oldest first. */
  closed: ClosedDay[];
  /** Per weekday (Monday first): days with opening hours that had begun by now and were open. */
  openDays: number[];
  /** Each slot's share of `hours` (unrounded until read through `slotHours`). */
  bySlot: Map<OpeningSlot, number>;
}

/** A slot's open hours in the span, to two decimals. */
export const slotHours = (span: OpenHoursSpan, slot: OpeningSlot) => roundHours(span.bySlot.get(slot) ?? 0);

/**
 * Open hours in `[from, to]` by the weekly opening hours: only from the opening date, only hours
 * that have passed by the calendar's clock, and never on a closed day (a public holiday or one of
 * the site's closures). A day with opening hours and no contacts still counts: that is a real zero.
 */
export function openHoursIn(from: string, to: string, slots: readonly OpeningSlot[], calendar: SiteCalendar): OpenHoursSpan {
  const span: OpenHoursSpan = { hours: 0, closed: [], openDays: new Array<number>(7).fill(0), bySlot: new Map(slots.map((s) => [s, 0])) };
  const first = from < calendar.openingDate ? calendar.openingDate : from;
  const last = to > calendar.now.day ? calendar.now.day : to;
  if (last < first) return span;
  const byWeekday = new Map<number, OpeningSlot[]>();
  for (const s of slots) byWeekday.set(s.weekday, [...(byWeekday.get(s.weekday) ?? []), s]);
  let hours = 0;
  let weekday = weekdayOf(first) - 1; // counted on, one day at a time
  for (const day of eachDay(first, last)) {
    weekday = (weekday % 7) + 1;
    const todays = byWeekday.get(weekday);
    if (!todays) continue;
    const passed = todays.reduce((sum, s) => sum + elapsedHours(day, s.startHour, s.endHour, calendar.now), 0);
    if (passed === 0) continue;
    const closed = calendar.closedOn(day);
    if (closed) {
      span.closed.push(closed);
      continue;
    }
    hours += passed;
    span.openDays[weekday - 1]! += 1;
    for (const s of todays) span.bySlot.set(s, span.bySlot.get(s)! + elapsedHours(day, s.startHour, s.endHour, calendar.now));
  }
  span.hours = roundHours(hours);
  return span;
}

/** Per weekly slot: hours in the period and the contacts the heat map shows in those hours. */
export function openSlotFigures(heatmap: (number | null)[][], slots: readonly OpeningSlot[], hoursOf: (slot: OpeningSlot) => number): OpenSlotFigures[] {
  return [...slots]
    .sort((a, b) => a.weekday - b.weekday || a.startHour - b.startHour)
    .map((slot) => {
      const hours = hoursOf(slot);
      const cells = (heatmap[slot.weekday - 1] ?? []).slice(slot.startHour, slot.endHour);
      const contacts = cells.some((n) => n === null) ? null : cells.reduce<number>((s, n) => s + (n ?? 0), 0);
      return { ...slot, hours, contacts, perOpenHour: contacts === null || hours === 0 ? null : Math.round((contacts / hours) * 100) / 100 };
    });
}
