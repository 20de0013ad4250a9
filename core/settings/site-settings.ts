import type { Kysely } from 'kysely';
import type { SiteSettings } from '../catalog/catalog-types';
import type { Schema } from '../db/schema';

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: 'Sozial-Info im Wohnzimmer Leibnitz',
  timeZone: 'Europe/Vienna',
  openingDate: '2021-06-01',
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[];

export async function readSettings(db: Kysely<Schema>): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(KEYS.map((k) => [k, stored.get(k) ?? DEFAULT_SETTINGS[k]])) as unknown as SiteSettings;
}

export async function writeSettings(db: Kysely<Schema>, settings: Partial<SiteSettings>): Promise<void> {
  for (const [key, value] of Object.entries(settings)) {
    await db
      .insertInto('settings')
      .values({ key, value: String(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
      .execute();
  }
}
