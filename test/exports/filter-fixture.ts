import fc from 'fast-check';
import { NONE_VALUE, reportFiltersSchema, type FilterClause, type FilterDimension, type ReportFilters } from '../../core/analysis/filter-inputs';
import { ASKERS, CHANNELS } from '../../core/base/enums';
import type { Catalog } from '../../core/catalog/catalog-types';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';

/** Mid-April 2026: every March contact of the fixture is back-dated. */
export const FILTER_NOW = Date.parse('2026-04-15T08:00:00Z');
export const MARCH = { from: '2026-03-01', to: '2026-03-31' } as const;

/** A contact as the recount sees it, read straight from the tables. */
export interface PlainContact {
  id: number;
  topics: number[]; // in ordinal order
  referrals: number[];
  language: string;
  channel: string;
  asker: string;
  desk: number;
  themeDay: number | null;
}

export interface FilterFixture {
  core: TempCore;
  catalog: Catalog;
  /** Ids the random filters draw from: what the fixture's contacts use, plus one entry no contact has. */
  pools: Record<FilterDimension, (number | string)[]>;
  /** The theme day of the fixture (Wednesdays 9–13 in March). */
  themeDay: number;
  secondDesk: number;
}

/** A small fixed-seed generator (mulberry32), so the fixture is the same on every run and both dialects. */
function seeded(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

/**
 * 40 contacts spread over March 2026 (1–3 topics, 0–2 referrals, four languages, every channel and asker,
 * two desks, some on a Wednesday theme day), one voided, and one on each side of March.
 */
export async function openFilterFixture(): Promise<FilterFixture> {
  const core = await openTempCore(FILTER_NOW);
  const h = core.handlers;
  const secondDesk = (await h.saveCatalogEntry({ kind: 'desk', name: 'Außenstelle' })).entry.id;
  const saved = await h.saveThemeDay({
    themeDay: { title: 'Rechtsberatung', organisationId: null, kind: 'weekly', weekday: 3, startHour: 9, endHour: 13, validFrom: '2026-03-01' },
    dryRun: false,
  });
  let catalog = await h.getCatalog({});
  const topics = catalog.topics.slice(0, 6).map((t) => t.id);
  const organisations = catalog.organisations.slice(0, 4).map((o) => o.id);
  const languages = ['de', 'en', 'ar', 'tr'].map((code) => catalog.languages.find((l) => l.code === code)!.id);
  const desks = [catalog.desks[0]!.id, secondDesk];
  const next = seeded(16);
  const log = (day: number, hour: number) => {
    const topicCount = 1 + next(3);
    const chosen = [...new Set(Array.from({ length: topicCount }, () => topics[next(topics.length)]!))];
    const referrals = [...new Set(Array.from({ length: next(3) }, () => organisations[next(organisations.length)]!))];
    return h.logContact({
      count: 1,
      topicIds: chosen,
      referralIds: referrals,
      languageId: languages[next(languages.length)]!,
      channel: CHANNELS[next(CHANNELS.length)]!,
      asker: ASKERS[next(ASKERS.length)]!,
      deskId: desks[next(desks.length)]!,
      // Vienna is UTC+1 in March until the 29th: hour 9 UTC is 10:00 local.
      occurredAt: `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}:00Z`,
    });
  };
  for (let i = 0; i < 40; i++) await log(1 + (i % 28), 7 + next(8));
  const voided = await log(11, 9); // a Wednesday, on the theme day
  await h.voidContact({ contactId: voided.contact.id, reason: 'test' });
  await h.logContact({
    count: 1,
    referralIds: [],
    topicIds: [topics[0]!],
    languageId: languages[0]!,
    channel: 'phone',
    asker: 'citizen',
    occurredAt: '2026-02-27T10:00:00Z',
  });
  await h.logContact({
    count: 1,
    referralIds: [],
    topicIds: [topics[0]!],
    languageId: languages[0]!,
    channel: 'phone',
    asker: 'citizen',
    occurredAt: '2026-04-01T10:00:00Z',
  });
  catalog = await h.getCatalog({});
  const unusedTopic = catalog.topics[8]!.id;
  return {
    core,
    catalog,
    themeDay: saved.themeDay!.id,
    secondDesk,
    pools: {
      topic: [...topics, unusedTopic],
      firstTopic: [...topics, unusedTopic],
      referral: [...organisations, catalog.organisations[5]!.id, NONE_VALUE],
      language: ['de', 'en', 'ar', 'tr', 'uk'],
      channel: [...CHANNELS],
      asker: [...ASKERS],
      desk: desks,
      themeDay: [saved.themeDay!.id, NONE_VALUE],
      sdg: [1, 3, 5, 8, 10, 11, 16, 17],
    },
  };
}

/** The period's counting contacts, read from the tables in id order. */
export async function plainContacts(f: FilterFixture, from: string = MARCH.from, to: string = MARCH.to): Promise<PlainContact[]> {
  const db = f.core.database.db;
  const rows = await queryRows<{ id: number; language: string; channel: string; asker: string; desk: number; theme: number | null }>(
    db,
    `select c.id as id, l.code as language, c.channel as channel, c.asker as asker, c.desk_id as desk, c.theme_day_id as theme
       from contacts c join languages l on l.id = c.language_id
      where c.voided_at is null and c.local_day between ? and ? order by c.id`,
    [from, to],
  );
  const topics = await queryRows<{ contact: number; topic: number }>(
    db,
    'select contact_id as contact, topic_id as topic from contact_topics order by contact_id, ordinal',
  );
  const referrals = await queryRows<{ contact: number; org: number }>(db, 'select contact_id as contact, organisation_id as org from contact_referrals');
  return rows.map((r) => ({
    id: Number(r.id),
    topics: topics.filter((t) => Number(t.contact) === Number(r.id)).map((t) => Number(t.topic)),
    referrals: referrals.filter((x) => Number(x.contact) === Number(r.id)).map((x) => Number(x.org)),
    language: r.language,
    channel: r.channel,
    asker: r.asker,
    desk: Number(r.desk),
    themeDay: r.theme === null ? null : Number(r.theme),
  }));
}

/** The filter's meaning written out plainly over one contact: what the SQL and the report must agree with. */
export function matches(c: PlainContact, clause: FilterClause, catalog: Catalog): boolean {
  const has = (v: number | string | null) => clause.values.includes(v as number | string);
  const none = has(NONE_VALUE);
  const goalsOf = (topic: number) => catalog.topics.find((t) => t.id === topic)?.sdgs ?? [];
  const hit = (() => {
    switch (clause.dimension) {
      case 'topic':
        return c.topics.some(has);
      case 'firstTopic':
        return c.topics.length > 0 && has(c.topics[0]!);
      case 'referral':
        return c.referrals.some(has) || (none && c.referrals.length === 0);
      case 'language':
        return has(c.language);
      case 'channel':
        return has(c.channel);
      case 'asker':
        return has(c.asker);
      case 'desk':
        return has(c.desk);
      case 'themeDay':
        return c.themeDay === null ? none : has(c.themeDay);
      case 'sdg':
        return c.topics.some((t) => goalsOf(t).some(has));
    }
  })();
  return clause.exclude ? !hit : hit;
}

export const recount = (contacts: PlainContact[], filters: ReportFilters, catalog: Catalog) =>
  contacts.filter((c) => filters.every((clause) => matches(c, clause, catalog)));

/** Random filters the schema accepts, over the fixture's pools: one to three clauses, one to three values each. */
export function randomFilters(pools: FilterFixture['pools']): fc.Arbitrary<ReportFilters> {
  const dimensions = Object.keys(pools) as FilterDimension[];
  const clause = (dimension: FilterDimension) =>
    fc
      .record({ values: fc.uniqueArray(fc.constantFrom(...pools[dimension]), { minLength: 1, maxLength: 3 }), exclude: fc.boolean() })
      .map(({ values, exclude }) => ({ dimension, values, exclude }));
  return fc
    .uniqueArray(fc.constantFrom(...dimensions), { minLength: 1, maxLength: 3 })
    .chain((dims) => fc.tuple(...dims.map(clause)))
    .filter((clauses) => reportFiltersSchema.safeParse(clauses).success)
    .map((clauses) => reportFiltersSchema.parse(clauses));
}
