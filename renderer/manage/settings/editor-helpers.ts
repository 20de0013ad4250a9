import type { MethodInput } from '../../../core/api/contract';
import type { OpeningSlot } from '../../../core/catalog/catalog-types';
import { COMMON_TIME_ZONES } from '../../../core/settings/setting-limits';
import type { ThemeDay } from '../../../core/theme-days/theme-day-types';
import { isDay } from '../../reports/period';

/** Pure helpers of the theme-day editor and the settings panel (tested without a browser). */

export type ThemeDayInput = MethodInput<'saveThemeDay'>['themeDay'];

export interface Draft {
  id?: number;
  title: string;
  organisationId: number | null;
  kind: 'single' | 'weekly';
  day: string;
  weekday: number;
  startHour: number;
  endHour: number;
  validFrom: string;
  validTo: string;
}

export const EMPTY: Draft = { title: '', organisationId: null, kind: 'weekly', day: '', weekday: 2, startHour: 9, endHour: 12, validFrom: '', validTo: '' };

export const draftOf = (d: ThemeDay): Draft => ({
  id: d.id,
  title: d.title,
  organisationId: d.organisationId,
  kind: d.kind,
  day: d.day ?? '',
  weekday: d.weekday ?? 1,
  startHour: d.startHour,
  endHour: d.endHour,
  validFrom: d.validFrom ?? '',
  validTo: d.validTo ?? '',
});

/** The contract's input from a draft: a single day carries its date, a weekly one its weekday and validity. */
export function themeDayInput(d: Draft): ThemeDayInput {
  const base = { ...(d.id ? { id: d.id } : {}), title: d.title.trim(), organisationId: d.organisationId, startHour: d.startHour, endHour: d.endHour };
  return d.kind === 'single'
    ? { ...base, kind: 'single', day: d.day }
    : { ...base, kind: 'weekly', weekday: d.weekday, ...(d.validFrom ? { validFrom: d.validFrom } : {}), ...(d.validTo ? { validTo: d.validTo } : {}) };
}

export type Problem = 'title' | 'day' | 'hours' | 'validity';
export function problems(d: Draft): Problem[] {
  const out: Problem[] = [];
  if (!d.title.trim()) out.push('title');
  if (d.kind === 'single' && !isDay(d.day)) out.push('day');
  if (d.endHour <= d.startHour) out.push('hours');
  if (d.kind === 'weekly' && d.validFrom && d.validTo && d.validFrom > d.validTo) out.push('validity');
  return out;
}

/** Overlapping or empty slots on the same weekday would count open hours twice. */
export function slotProblems(slots: OpeningSlot[]): number[] {
  const bad = new Set<number>();
  slots.forEach((s, i) => {
    if (s.endHour <= s.startHour) bad.add(i);
    slots.forEach((o, j) => {
      if (i !== j && s.weekday === o.weekday && s.startHour < o.endHour && o.startHour < s.endHour) bad.add(i);
    });
  });
  return [...bad];
}

/**
 * The time zones the settings offer: the common European ones and the current one, each with its
 * offset from UTC today ("Europe/Vienna · GMT+1"), so a wrong pick shows before it is saved.
 */
export function timeZoneChoices(current: string, now = new Date()): { zone: string; label: string }[] {
  const zones = (COMMON_TIME_ZONES as readonly string[]).includes(current) ? [...COMMON_TIME_ZONES] : [current, ...COMMON_TIME_ZONES];
  return zones.map((zone) => {
    let offset = '';
    try {
      offset =
        new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? '';
    } catch {
      // A zone this browser does not know still shows by name.
    }
    return { zone, label: offset ? `${zone} · ${offset}` : zone };
  });
}
