import type { Kysely } from 'kysely';
import type { OpeningSlot, SiteSettings } from '../catalog/catalog-types';
import type { Schema } from '../db/schema';

/** Four half-days a week, as at the Leibnitz desk when it opened. */
export const DEFAULT_OPENING_HOURS: OpeningSlot[] = [
  { weekday: 1, startHour: 9, endHour: 12 },
  { weekday: 2, startHour: 9, endHour: 12 },
  { weekday: 3, startHour: 14, endHour: 17 },
  { weekday: 4, startHour: 9, endHour: 12 },
];

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: 'Sozial-Info im Wohnzimmer Leibnitz',
  timeZone: 'Europe/Vienna',
  openingDate: '2021-06-01',
  openingHours: DEFAULT_OPENING_HOURS,
  smallCellThreshold: 3,
  autoLockMinutes: 10,
  defaultLanguage: 'de',
  backupFolder: '',
  backupKeepDaily: 7,
  backupKeepWeekly: 4,
  backupKeepMonthly: 12,
  // A new database (and one from before the setup existed) asks at the first management visit.
  setupConfirmedAt: '',
};

/** How each setting is stored as text in the key/value table. */
const CODECS: { [K in keyof SiteSettings]: { encode(v: SiteSettings[K]): string; decode(s: string): SiteSettings[K] } } = {
  siteName: { encode: String, decode: String },
  timeZone: { encode: String, decode: String },
  openingDate: { encode: String, decode: String },
  openingHours: { encode: (v) => JSON.stringify(v), decode: (s) => JSON.parse(s) as OpeningSlot[] },
  smallCellThreshold: { encode: String, decode: Number },
  autoLockMinutes: { encode: String, decode: Number },
  defaultLanguage: { encode: String, decode: (s) => (s === 'en' ? 'en' : 'de') },
  backupFolder: { encode: String, decode: String },
  backupKeepDaily: { encode: String, decode: Number },
  backupKeepWeekly: { encode: String, decode: Number },
  backupKeepMonthly: { encode: String, decode: Number },
  setupConfirmedAt: { encode: String, decode: String },
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof SiteSettings)[];

export async function readSettings(db: Kysely<Schema>): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const entries = KEYS.map((k) => {
    const raw = stored.get(k);
    return [k, raw === undefined ? DEFAULT_SETTINGS[k] : CODECS[k].decode(raw)];
  });
  return Object.fromEntries(entries) as SiteSettings;
}

export async function writeSettings(db: Kysely<Schema>, settings: Partial<SiteSettings>): Promise<void> {
  for (const key of Object.keys(settings) as (keyof SiteSettings)[]) {
    const value = (CODECS[key].encode as (v: unknown) => string)(settings[key]);
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
