import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { readSettings } from '../settings/site-settings';
import { readThemeDays } from '../theme-days/read-theme-days';
import type { Catalog } from './catalog-types';

export async function loadCatalog(db: Kysely<Schema>): Promise<Catalog> {
  const [topics, organisations, languages, desks, themeDays, settings] = await Promise.all([
    db.selectFrom('topics').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('organisations').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('languages').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('desks').selectAll().orderBy('position').orderBy('id').execute(),
    readThemeDays(db),
    readSettings(db),
  ]);
  return {
    topics: topics.map((t) => ({
      id: t.id,
      labelDe: t.label_de,
      labelEn: t.label_en,
      color: t.color,
      hotkey: t.hotkey,
      position: t.position,
      retired: t.retired_at !== null,
    })),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, position: o.position, retired: o.retired_at !== null })),
    languages: languages.map((l) => ({
      id: l.id,
      code: l.code,
      labelDe: l.label_de,
      labelEn: l.label_en,
      position: l.position,
      retired: l.retired_at !== null,
    })),
    desks: desks.map((d) => ({ id: d.id, name: d.name, position: d.position, retired: d.retired_at !== null })),
    themeDays,
    settings,
  };
}
