import type { Kysely } from 'kysely';
import type { SiteSettings } from '../catalog/catalog-types';
import type { Schema } from '../db/schema';
import { localParts } from '../time/local-parts';
import { austrianHolidays } from './austrian-holidays';
import type { ClosedDay, Closure, PublicHoliday } from './closure-types';
import { readClosures } from './closure-store';

/** The site's wall clock at the moment a report is made: the local day and the minutes since its midnight. */
export interface SiteClock {
  day: string;
  minute: number;
}

/** What counting open hours needs to know besides the weekly opening hours. */
export interface SiteCalendar {
  openingDate: string;
  now: SiteClock;
  /** Why the site was closed on a day, or null when it was open (or had no reason to be closed). */
  closedOn(day: string): ClosedDay | null;
}

/** The public holidays of a year, by day; computed once per year asked for. */
function holidayLookup(): (day: string) => PublicHoliday | undefined {
  const years = new Map<number, Map<string, PublicHoliday>>();
  return (day) => {
    const year = Number(day.slice(0, 4));
    let byDay = years.get(year);
    if (!byDay) years.set(year, (byDay = new Map(austrianHolidays(year).map((h) => [h.day, h]))));
    return byDay.get(day);
  };
}

const covers = (c: Closure, day: string) => c.from <= day && day <= c.to;

/**
 * A day is closed when it is an Austrian public holiday or inside one of the site's `closed`
 * entries, unless an `open` entry covers it (the site opened anyway). A holiday inside a closure is
 * named as the holiday.
 */
export function closedDayRule(closures: readonly Closure[]): (day: string) => ClosedDay | null {
  const holidayOn = holidayLookup();
  const closed = closures.filter((c) => c.kind === 'closed');
  const opened = closures.filter((c) => c.kind === 'open');
  return (day) => {
    if (opened.some((c) => covers(c, day))) return null;
    const holiday = holidayOn(day);
    if (holiday) return { day, reason: 'holiday', name: holiday.name };
    const closure = closed.find((c) => covers(c, day));
    return closure ? { day, reason: 'closure', name: { de: closure.note, en: closure.note } } : null;
  };
}

export function siteClock(now: number, timeZone: string): SiteClock {
  const p = localParts(now, timeZone);
  return { day: p.day, minute: p.hour * 60 + p.minute };
}

/** The calendar a report counts open hours with: the site's closures as stored now and its clock at `now`. */
export async function readSiteCalendar(db: Kysely<Schema>, settings: SiteSettings, now: number): Promise<SiteCalendar> {
  return { openingDate: settings.openingDate, now: siteClock(now, settings.timeZone), closedOn: closedDayRule(await readClosures(db)) };
}
