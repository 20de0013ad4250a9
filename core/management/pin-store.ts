import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';

/** Kept in the settings table under its own key, outside SiteSettings, so no method ever returns it. */
const PIN_KEY = 'management_pin_hash';

export async function readPinHash(db: Kysely<Schema>): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', PIN_KEY).executeTakeFirst();
  return row?.value;
}

export async function writePinHash(db: Kysely<Schema>, hash: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: PIN_KEY, value: hash })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hash }))
    .execute();
}

/** For IT when the PIN is forgotten (`npm run reset-pin`): the next visit to the management area sets a new one. */
export async function clearPinHash(db: Kysely<Schema>): Promise<boolean> {
  const result = await db.deleteFrom('settings').where('key', '=', PIN_KEY).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
