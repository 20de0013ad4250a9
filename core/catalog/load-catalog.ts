import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema';
import { readSettings } from '../settings/site-settings';
import { readThemeDays } from '../theme-days/read-theme-days';
import type { Catalog } from './catalog-types';
import { deskOf, languageOf, organisationOf, topicOf } from './catalog-rows';
import { readTopicGroups } from './read-topic-groups';

export async function loadCatalog(db: Kysely<Schema>): Promise<Catalog> {
  const [topics, organisations, languages, desks, themeDays, topicGroups, settings] = await Promise.all([
    db.selectFrom('topics').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('organisations').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('languages').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('desks').selectAll().orderBy('position').orderBy('id').execute(),
    readThemeDays(db),
    readTopicGroups(db),
    readSettings(db),
  ]);
  return {
    topics: topics.map(topicOf),
    organisations: organisations.map(organisationOf),
    languages: languages.map(languageOf),
    desks: desks.map(deskOf),
    themeDays,
    topicGroups,
    settings,
  };
}
