import type { Kysely, Selectable } from 'kysely';
import type { Schema, ThemeDayTable } from '../db/schema';
import type { ThemeDay } from './theme-day-types';

export const themeDayView = (r: Selectable<ThemeDayTable>): ThemeDay => ({
  id: r.id,
  title: r.title,
  organisationId: r.organisation_id,
  kind: r.kind,
  day: r.day,
  weekday: r.weekday,
  startHour: r.start_hour,
  endHour: r.end_hour,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  retired: r.retired_at !== null,
});

export async function readThemeDays(db: Kysely<Schema>): Promise<ThemeDay[]> {
  return (await db.selectFrom('theme_days').selectAll().orderBy('id').execute()).map(themeDayView);
}

export async function readThemeDay(db: Kysely<Schema>, id: number): Promise<ThemeDay | null> {
  const row = await db.selectFrom('theme_days').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? themeDayView(row) : null;
}
