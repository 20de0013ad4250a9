import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Catalog } from '../catalog/catalog-types';
import type { Schema } from '../db/schema';
import { NONE_VALUE, type FilterClause } from './filter-inputs';

/**
 * The report filter (core/analysis/filter-inputs.ts) as SQL over `contacts` and its link tables, for
 * what reads contacts row by row (the raw exports): one predicate per clause, all of them must hold.
 * Each predicate is true or false for every contact, never NULL, so `not` turns it around exactly
 * (a contact without a theme day is "not on theme day 3"). Plain SQL, the same on SQLite and PostgreSQL.
 */

/** Goal → the catalog's topics that carry it (as the catalog has them now, like the report's SDG table). */
export type SdgTopicIds = ReadonlyMap<number, readonly number[]>;

export function sdgTopicIds(catalog: Pick<Catalog, 'topics'>): Map<number, number[]> {
  const byGoal = new Map<number, number[]>();
  for (const topic of catalog.topics) {
    for (const goal of topic.sdgs) byGoal.set(goal, [...(byGoal.get(goal) ?? []), topic.id]);
  }
  return byGoal;
}

const FALSE = sql<SqlBool>`1 = 0`;

/** `column in (…)`, or false for an empty list (which neither dialect accepts as `in ()`). */
function isIn(column: RawBuilder<unknown>, values: readonly (number | string)[]): RawBuilder<SqlBool> {
  if (values.length === 0) return FALSE;
  return sql<SqlBool>`${column} in (${sql.join(values.map((v) => sql`${v}`))})`;
}

const either = (a: RawBuilder<SqlBool>, b: RawBuilder<SqlBool>) => sql<SqlBool>`(${a} or ${b})`;

function topicExists(topicIds: readonly (number | string)[], firstOnly = false): RawBuilder<SqlBool> {
  if (topicIds.length === 0) return FALSE;
  const first = firstOnly ? sql` and ct.ordinal = 0` : sql``;
  return sql<SqlBool>`exists (select 1 from contact_topics ct where ct.contact_id = contacts.id${first} and ${isIn(sql.ref('ct.topic_id'), topicIds)})`;
}

/** Contacts with a referral to one of the organisations, or (`none`) with no referral at all. */
function referralMatches(values: readonly (number | string)[]): RawBuilder<SqlBool> {
  const ids = values.filter((v) => v !== NONE_VALUE);
  const any = sql<SqlBool>`exists (select 1 from contact_referrals cr where cr.contact_id = contacts.id and ${isIn(sql.ref('cr.organisation_id'), ids)})`;
  if (ids.length === values.length) return any;
  const none = sql<SqlBool>`not exists (select 1 from contact_referrals cr where cr.contact_id = contacts.id)`;
  return ids.length === 0 ? none : either(any, none);
}

function themeDayMatches(values: readonly (number | string)[]): RawBuilder<SqlBool> {
  const ids = values.filter((v) => v !== NONE_VALUE);
  // `is not null and`: false, not NULL, for a contact without a theme day, so the clause can be negated.
  const on = ids.length === 0 ? FALSE : sql<SqlBool>`(contacts.theme_day_id is not null and ${isIn(sql.ref('contacts.theme_day_id'), ids)})`;
  if (ids.length === values.length) return on;
  const none = sql<SqlBool>`contacts.theme_day_id is null`;
  return ids.length === 0 ? none : either(on, none);
}

/** What one clause asks of a contact, before `exclude` turns it around. */
function clauseMatches(clause: FilterClause, sdg: SdgTopicIds): RawBuilder<SqlBool> {
  const { values } = clause;
  switch (clause.dimension) {
    case 'topic':
      return topicExists(values);
    case 'firstTopic':
      return topicExists(values, true);
    case 'referral':
      return referralMatches(values);
    case 'language':
      return sql<SqlBool>`contacts.language_id in (select l.id from languages l where ${isIn(sql.ref('l.code'), values)})`;
    case 'channel':
      return isIn(sql.ref('contacts.channel'), values);
    case 'asker':
      return isIn(sql.ref('contacts.asker'), values);
    case 'desk':
      return isIn(sql.ref('contacts.desk_id'), values);
    case 'themeDay':
      return themeDayMatches(values);
    case 'sdg':
      return topicExists([...new Set(values.flatMap((goal) => sdg.get(Number(goal)) ?? []))]);
  }
}

/** The predicate of one clause: `exclude` keeps the contacts that do not match. */
export function clauseSql(clause: FilterClause, sdg: SdgTopicIds): RawBuilder<SqlBool> {
  const matches = clauseMatches(clause, sdg);
  return clause.exclude ? sql<SqlBool>`not (${matches})` : matches;
}

/**
 * `qb` (a query over `contacts`, not aliased) restricted to the contacts every clause matches: the
 * same set the filtered report counts (test/exports/filtered-raw.test.ts holds them equal).
 */
export function whereFilters<O>(
  qb: SelectQueryBuilder<Schema, 'contacts', O>,
  filters: readonly FilterClause[] | undefined,
  catalogSdgTopicIds: SdgTopicIds,
): SelectQueryBuilder<Schema, 'contacts', O> {
  let filtered = qb;
  for (const clause of filters ?? []) filtered = filtered.where(clauseSql(clause, catalogSdgTopicIds));
  return filtered;
}
