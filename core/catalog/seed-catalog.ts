import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { DEFAULT_SETTINGS, writeSettings } from '../settings/site-settings';
import { leibnitzDesks, leibnitzLanguages, leibnitzOrganisations, leibnitzTopics } from './leibnitz-catalog';
import { writeTransaction } from '../db/write-transaction';

/** A new database gets the site's catalog and settings, and no contacts. Runs once: a seeded database is left alone. */
export async function seedCatalogIfEmpty(db: Kysely<Schema>): Promise<boolean> {
  // Asked outside a write transaction first: a start must not wait for another process's write lock
  // (`npm run import` beside the app) just to find the catalog already there.
  if (await db.selectFrom('topics').select('id').limit(1).executeTakeFirst()) return false;
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('topics').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    await trx
      .insertInto('topics')
      .values(
        leibnitzTopics.map((t, i) => ({
          label_de: t.labelDe,
          label_en: t.labelEn,
          color: t.color,
          hotkey: t.hotkey,
          position: i + 1,
          sdgs: JSON.stringify(t.sdgs),
        })),
      )
      .execute();
    await trx
      .insertInto('organisations')
      .values(leibnitzOrganisations.map((name, i) => ({ name, position: i + 1 })))
      .execute();
    await trx
      .insertInto('languages')
      .values(leibnitzLanguages.map((l, i) => ({ code: l.code, label_de: l.labelDe, label_en: l.labelEn, position: i + 1 })))
      .execute();
    await trx
      .insertInto('desks')
      .values(leibnitzDesks.map((name, i) => ({ name, position: i + 1 })))
      .execute();
    await writeSettings(trx, DEFAULT_SETTINGS);
    return true;
  });
}
