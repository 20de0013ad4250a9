import { sql } from 'kysely';
import type { ThemeDay } from './theme-day-types';

/** Whether a theme day covers a local day and hour. Must agree with `themeDayIdSql` below (tested). */
export function covers(t: ThemeDay, day: string, weekday: number, hour: number): boolean {
  if (t.retired || hour < t.startHour || hour >= t.endHour) return false;
  if (t.kind === 'single') return t.day === day;
  return t.weekday === weekday && (t.validFrom === null || t.validFrom <= day) && (t.validTo === null || t.validTo >= day);
}

/** The theme day a contact at this local time is attributed to: a single date wins over a weekly slot, then the older entry. */
export function themeDayAt(themeDays: readonly ThemeDay[], day: string, weekday: number, hour: number): number | null {
  let best: ThemeDay | null = null;
  for (const t of themeDays) {
    if (!covers(t, day, weekday, hour)) continue;
    if (!best || (t.kind === 'single' && best.kind === 'weekly') || (t.kind === best.kind && t.id < best.id)) best = t;
  }
  return best?.id ?? null;
}

/** The same rule in SQL, for re-attributing stored contacts (alias `c` = contacts); a contact without an hour (imported by day) falls on none. */
export const themeDayIdSql = sql<number | null>`(
  select t.id from theme_days t
  where t.retired_at is null and c.entry_kind <> 'imported_day' and c.local_hour >= t.start_hour and c.local_hour < t.end_hour
    and ((t.kind = 'single' and t.day = c.local_day)
      or (t.kind = 'weekly' and t.weekday = c.local_weekday
          and (t.valid_from is null or t.valid_from <= c.local_day)
          and (t.valid_to is null or t.valid_to >= c.local_day)))
  order by case when t.kind = 'single' then 0 else 1 end, t.id
  limit 1)`;
