import type { Catalog } from '../catalog/catalog-types';
import type { SiteCalendar } from '../closures/closed-days';
import type { ThemeDay } from '../theme-days/theme-day-types';
import { addDays, eachDay, weekdayOf } from './calendar-days';
import { elapsedHours, roundHours } from './open-hours';
import type { ThemeDayComparison } from './report-types';
import { EMPTY_CELL, type Cell } from '../publication/cell-key';
import type { KeyedHours } from './count-source';
import { CellSum, trueCount, type Publish } from './publish-cells';

/** How many ordinary days a theme day is compared with. */
export const ORDINARY_DAYS = 13;

const occursOn = (t: ThemeDay, day: string, weekday: number) =>
  !t.retired && (t.kind === 'single' ? t.day === day : t.weekday === weekday && (t.validFrom ?? '') <= day && (t.validTo ?? '9999') >= day);

const weekdayOfThemeDay = (t: ThemeDay) => (t.kind === 'single' ? weekdayOf(t.day!) : t.weekday!);

/**
 * The ordinary days a theme day is measured against: the most recent days of its weekday, up to
 * the period's end and not before opening, on which no theme day took place, the site was open (no
 * public holiday or closure) and the theme day's hours are over. A weekly theme day that covers
 * every such weekday of the period is thereby compared with the weeks before it began. Needs only
 * the calendar, so the report reads the rollup for just these days.
 */
export function ordinaryDaysOf(t: ThemeDay, catalog: Catalog, last: string, calendar?: Pick<SiteCalendar, 'now' | 'closedOn'>): string[] {
  const weekday = weekdayOfThemeDay(t);
  const slotHours = t.endHour - t.startHour;
  const usable = (day: string) =>
    !catalog.themeDays.some((o) => occursOn(o, day, weekday)) &&
    (!calendar || (calendar.closedOn(day) === null && elapsedHours(day, t.startHour, t.endHour, calendar.now) === slotHours));
  const days: string[] = [];
  let day = last;
  while (weekdayOf(day) !== weekday) day = addDays(day, -1);
  for (; day >= catalog.settings.openingDate && days.length < ORDINARY_DAYS; day = addDays(day, -7)) {
    if (usable(day)) days.push(day);
  }
  return days;
}

/** Contacts per open hour, to two decimals; null without hours. */
export const perHour = (contacts: number, hours: number) => (hours > 0 ? Math.round((contacts / hours) * 100) / 100 : null);

/**
 * Theme days of the period against their ordinary days, per open hour of the theme day's slot. A
 * theme day's hours are those that have passed on days the site was open (as for the report's open
 * hours); `occurrences` counts the days on which they had begun. A theme day's contacts are the cell
 * of its `byThemeDay` row (so published alike); the ordinary days' contacts the cell of those days'
 * slot hours; rates come from the published counts.
 */
export function themeDayComparisons(
  catalog: Catalog,
  period: { first: string; last: string },
  ordinaryDays: Map<number, string[]>,
  hourly: KeyedHours,
  themeCells: Map<number, Cell> | undefined,
  calendar?: Pick<SiteCalendar, 'now' | 'closedOn'>,
  publish: Publish = trueCount,
): ThemeDayComparison[] {
  const orgName = new Map(catalog.organisations.map((o) => [o.id, o.name]));
  const days = period.last < period.first ? [] : [...eachDay(period.first, period.last)].map((day) => ({ day, weekday: weekdayOf(day) }));
  const out: ThemeDayComparison[] = [];
  for (const t of catalog.themeDays) {
    const slotHours = t.endHour - t.startHour;
    const held = t.retired
      ? []
      : days
          .filter(({ day, weekday }) => occursOn(t, day, weekday) && !calendar?.closedOn(day))
          .map(({ day }) => (calendar ? elapsedHours(day, t.startHour, t.endHour, calendar.now) : slotHours))
          .filter((hours) => hours > 0);
    const occurrences = held.length;
    const heldHours = roundHours(held.reduce((s, h) => s + h, 0));
    const contacts = publish(themeCells?.get(t.id) ?? EMPTY_CELL);
    if (occurrences === 0 && contacts === 0) continue;
    const ordinary = ordinaryDays.get(t.id) ?? [];
    const ordinarySum = new CellSum();
    for (const day of ordinary) {
      const hours = hourly.counts.get(day);
      const keys = hourly.keys.get(day);
      if (hours) for (let h = t.startHour; h < t.endHour; h++) ordinarySum.addCount(hours[h]!, keys?.[h]);
    }
    const ordinaryContacts = publish(ordinarySum.cell);
    const ph = perHour(contacts, heldHours);
    const ordinaryPerOpenHour = perHour(ordinaryContacts, ordinary.length * slotHours);
    out.push({
      themeDayId: t.id,
      title: t.title,
      organisation: t.organisationId === null ? null : (orgName.get(t.organisationId) ?? null),
      occurrences,
      hours: heldHours,
      contacts,
      perOpenHour: ph,
      ordinaryHours: ordinary.length * slotHours,
      ordinaryContacts,
      ordinaryPerOpenHour,
      ratio: ph !== null && ordinaryPerOpenHour ? Math.round((ph / ordinaryPerOpenHour) * 100) / 100 : null,
    });
  }
  return out;
}
