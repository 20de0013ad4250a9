import type { Kysely } from 'kysely';
import type { FilterClause, FilterDimension } from '../../core/analysis/filter-inputs';
import type { PivotDimension } from '../../core/analysis/pivot-inputs';
import type { Schema } from '../../core/db/schema';

/**
 * The oracle of the filter and pivot property tests (issue 16): figures recounted straight from the
 * base tables (contacts, contact_topics, contact_referrals, imported_monthly, the catalog tables and
 * the settings), one plain loop per figure. Deliberately nothing from core/rollups, core/reports or
 * core/analysis: calendar arithmetic, ISO weeks, anchoring of imported months and the filter rules are
 * written out again here from their specification (core/analysis/filter-inputs.ts, report-types.ts).
 *
 * Beside every count, the recount also sums the counted contacts' record keys modulo 2^32 (issue 17,
 * the cell-key method of core/publication/cell-key.ts: a contact counted twice adds its key twice, an
 * imported monthly count adds its row's one key), so a test can compute the published value of any
 * figure as `publishedCount(n, key)`: `recountReportKeys`, `recountPivotKeys`, `totalCellIn`.
 */

/** 2^32, written out again: key sums are taken modulo it. */
const KEY_RANGE = 4_294_967_296;
const plusKey = (sum: number, key: number) => (sum + key) % KEY_RANGE;

/** A counting contact (voided_at is null) as the tables hold it. */
export interface RecountContact {
  id: number;
  /** contacts.record_key. */
  key: number;
  day: string;
  weekday: number;
  /** null for contacts imported with their day only. */
  hour: number | null;
  /** In ordinal order: the first is the contact's first topic. */
  topics: number[];
  referrals: number[];
  languageCode: string;
  languageId: number;
  channel: string;
  asker: string;
  desk: number;
  themeDay: number | null;
}

export interface ImportedMonthRow {
  month: string;
  topicId: number;
  count: number;
  /** imported_monthly.record_key: one key per row, whatever its count. */
  key: number;
}

export interface RecountData {
  contacts: RecountContact[];
  imported: ImportedMonthRow[];
  openingDate: string;
  /** topic id → its goals (the catalog's sdgs column now). */
  topicGoals: Map<number, number[]>;
  /** Per kind: entry id → the entry it was merged into (a filter on a merged entry means the survivor). */
  mergedInto: { topic: Map<number, number>; organisation: Map<number, number>; desk: Map<number, number> };
}

/** Everything the recount needs, read in a handful of plain queries. */
export async function readRecountData(db: Kysely<Schema>): Promise<RecountData> {
  const [rows, topics, referrals, languages, imported, catalogTopics, organisations, desks, opening] = await Promise.all([
    db
      .selectFrom('contacts')
      .select(['id', 'local_day', 'local_weekday', 'local_hour', 'entry_kind', 'language_id', 'channel', 'asker', 'desk_id', 'theme_day_id', 'record_key'])
      .where('voided_at', 'is', null)
      .orderBy('id')
      .execute(),
    db.selectFrom('contact_topics').select(['contact_id', 'topic_id', 'ordinal']).orderBy('contact_id').orderBy('ordinal').execute(),
    db.selectFrom('contact_referrals').select(['contact_id', 'organisation_id']).execute(),
    db.selectFrom('languages').select(['id', 'code']).execute(),
    db.selectFrom('imported_monthly').select(['month', 'topic_id', 'count', 'record_key']).execute(),
    db.selectFrom('topics').select(['id', 'sdgs', 'merged_into']).execute(),
    db.selectFrom('organisations').select(['id', 'merged_into']).execute(),
    db.selectFrom('desks').select(['id', 'merged_into']).execute(),
    db.selectFrom('settings').select('value').where('key', '=', 'openingDate').executeTakeFirst(),
  ]);
  const topicsOf = new Map<number, number[]>();
  for (const t of topics) topicsOf.set(Number(t.contact_id), [...(topicsOf.get(Number(t.contact_id)) ?? []), Number(t.topic_id)]);
  const referralsOf = new Map<number, number[]>();
  for (const r of referrals) referralsOf.set(Number(r.contact_id), [...(referralsOf.get(Number(r.contact_id)) ?? []), Number(r.organisation_id)]);
  const codeOf = new Map(languages.map((l) => [Number(l.id), l.code]));
  const merged = (list: { id: number; merged_into: number | null }[]) =>
    new Map(list.filter((e) => e.merged_into !== null).map((e) => [Number(e.id), Number(e.merged_into)]));
  if (!opening) throw new Error('no openingDate in settings');
  return {
    contacts: rows.map((c) => ({
      id: Number(c.id),
      key: Number(c.record_key),
      day: c.local_day,
      weekday: Number(c.local_weekday),
      hour: c.entry_kind === 'imported_day' ? null : Number(c.local_hour),
      topics: topicsOf.get(Number(c.id)) ?? [],
      referrals: referralsOf.get(Number(c.id)) ?? [],
      languageCode: codeOf.get(Number(c.language_id))!,
      languageId: Number(c.language_id),
      channel: c.channel,
      asker: c.asker,
      desk: Number(c.desk_id),
      themeDay: c.theme_day_id === null ? null : Number(c.theme_day_id),
    })),
    imported: imported.map((r) => ({ month: r.month, topicId: Number(r.topic_id), count: Number(r.count), key: Number(r.record_key) })),
    openingDate: opening.value,
    topicGoals: new Map(catalogTopics.map((t) => [Number(t.id), JSON.parse(t.sdgs) as number[]])),
    mergedInto: { topic: merged(catalogTopics), organisation: merged(organisations), desk: merged(desks) },
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar, written out again (YYYY-MM-DD strings, UTC arithmetic).

const DAY = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
export const daysInclusive = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY) + 1;
function* eachDay(from: string, to: string) {
  for (let t = ms(from); t <= ms(to); t += DAY) yield dayOf(t);
}
const monthEnd = (month: string) => dayOf(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
function monthsTouched(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = dayOf(ms(monthEnd(m)) + DAY).slice(0, 7)) out.push(m);
  return out;
}
/** ISO 8601 week: the week of the Thursday of the day's Monday-to-Sunday week. */
export function isoWeek(day: string): string {
  const date = new Date(ms(day));
  const weekday = ((date.getUTCDay() + 6) % 7) + 1;
  const thursday = new Date(ms(day) + (4 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
/** The day an imported month counts on: its first day, or the opening date in the month the site opened. */
const anchorOf = (month: string, openingDate: string) => (openingDate.slice(0, 7) === month ? openingDate : `${month}-01`);

// ---------------------------------------------------------------------------------------------
// Filters.

/** What a contact (or an imported monthly count: a topic and a month, nothing else) offers to a filter. */
interface Facts {
  topics: number[];
  referrals?: number[];
  languageCode?: string;
  channel?: string;
  asker?: string;
  desk?: number;
  themeDay?: number | null;
}

/** Clauses imported monthly counts can be judged on: they carry one topic and nothing else. */
export const TOPIC_DIMENSIONS: readonly FilterDimension[] = ['topic', 'firstTopic', 'sdg'];

function follow(value: number | string, merged: Map<number, number>): number | string {
  let v = value;
  for (let hops = 0; typeof v === 'number' && merged.has(v) && hops < 100; hops++) v = merged.get(v)!;
  return v;
}

function clauseHolds(data: RecountData, clause: FilterClause, c: Facts): boolean {
  const { topic, organisation, desk } = data.mergedInto;
  const values = clause.values.map((v) =>
    clause.dimension === 'topic' || clause.dimension === 'firstTopic'
      ? follow(v, topic)
      : clause.dimension === 'referral'
        ? follow(v, organisation)
        : clause.dimension === 'desk'
          ? follow(v, desk)
          : v,
  );
  let holds: boolean;
  switch (clause.dimension) {
    case 'topic':
      holds = c.topics.some((t) => values.includes(t));
      break;
    case 'firstTopic':
      holds = c.topics.length > 0 && values.includes(c.topics[0]!);
      break;
    case 'referral':
      holds = c.referrals!.some((o) => values.includes(o)) || (values.includes('none') && c.referrals!.length === 0);
      break;
    case 'language':
      holds = values.includes(c.languageCode!);
      break;
    case 'channel':
      holds = values.includes(c.channel!);
      break;
    case 'asker':
      holds = values.includes(c.asker!);
      break;
    case 'desk':
      holds = values.includes(c.desk!);
      break;
    case 'themeDay':
      holds = c.themeDay === null ? values.includes('none') : values.includes(c.themeDay!);
      break;
    case 'sdg':
      holds = c.topics.some((t) => (data.topicGoals.get(t) ?? []).some((g) => values.includes(g)));
      break;
  }
  return clause.exclude ? !holds : holds;
}

const allHold = (data: RecountData, filters: readonly FilterClause[], c: Facts) => filters.every((clause) => clauseHolds(data, clause, c));

/**
 * The period's imported monthly counts: those the filter includes, and how many it leaves out for want
 * of facts. A count has a topic and a month only: while every clause is on topic, first topic or SDG
 * goal, those the clauses match count like any contact (the others are simply not matched); as soon as
 * a clause asks for anything else (language, referral, …) none of them can be judged, and all of the
 * period's go to `importedNotIncluded`.
 */
function importedOf(data: RecountData, from: string, to: string, filters: readonly FilterClause[]) {
  const inPeriod = data.imported.filter((r) => {
    const anchor = anchorOf(r.month, data.openingDate);
    return anchor >= from && anchor <= to && r.count > 0;
  });
  if (filters.every((c) => TOPIC_DIMENSIONS.includes(c.dimension))) {
    return { included: inPeriod.filter((r) => allHold(data, filters, { topics: [r.topicId] })), notIncluded: 0, notIncludedKey: 0 };
  }
  return { included: [], notIncluded: inPeriod.reduce((s, r) => s + r.count, 0), notIncludedKey: inPeriod.reduce((s, r) => plusKey(s, r.key), 0) };
}

export function matchingContacts(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): RecountContact[] {
  return data.contacts.filter((c) => c.day >= from && c.day <= to && allHold(data, filters, c));
}

/** Contacts that count in a span under the filter, imported monthly counts included as the report includes them. */
export function totalIn(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): number {
  return totalCellIn(data, from, to, filters).n;
}

/** The same contacts with their key sum (a comparison's or the headline's total as a cell). */
export function totalCellIn(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): { n: number; key: number } {
  const contacts = matchingContacts(data, from, to, filters);
  const { included } = importedOf(data, from, to, filters);
  return {
    n: contacts.length + included.reduce((s, r) => s + r.count, 0),
    key: [...contacts, ...included].reduce((s, c) => plusKey(s, c.key), 0),
  };
}

// ---------------------------------------------------------------------------------------------
// The report's figures.

type Counts = Record<string, number>;
const bump = (counts: Counts, key: number | string, n = 1) => {
  counts[String(key)] = (counts[String(key)] ?? 0) + n;
};
const sum = (counts: Counts) => Object.values(counts).reduce((s, n) => s + n, 0);

/** The figures compared: breakdowns as key → n (zero rows left out), totals as numbers. */
export interface ReportFigures {
  days: number;
  total: number;
  imported: number;
  importedNotIncluded: number;
  topicContacts: Counts;
  topicContactsTotal: number;
  topicMentions: Counts;
  topicMentionsTotal: number;
  referrals: Counts;
  referralsTotal: number;
  contactsWithReferral: number;
  languages: Counts;
  channels: Counts;
  askers: Counts;
  desks: Counts;
  themeDays: Counts;
  monthly: { month: string; n: number; cumulative: number }[];
  series: { unit: string; points: { key: string; from: string; to: string; n: number }[]; importedNotInSeries: number };
  heatmap: number[][];
  openHourContacts: number;
  topicReferrals: Counts;
  topicReferralsTotal: number;
  sdg: Counts;
  sdgTotal: number;
  sdgContacts: number;
  sinceOpening: number;
}

export function recountReport(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): ReportFigures {
  return recountReportWithKeys(data, from, to, filters).figures;
}

/**
 * The key sums of the report's figures, in the same shape as `recountReport`'s: wherever that holds a
 * count, this holds the sum of the counted contacts' record keys modulo 2^32 (a breakdown's total, the
 * cumulative months, a week of the series: the key sum of exactly the contacts its count counts).
 * `days` and `series.unit` are as there.
 */
export function recountReportKeys(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): ReportFigures {
  return recountReportWithKeys(data, from, to, filters).keys;
}

function emptyFigures(days: number): ReportFigures {
  return {
    days,
    total: 0,
    imported: 0,
    importedNotIncluded: 0,
    topicContacts: {},
    topicContactsTotal: 0,
    topicMentions: {},
    topicMentionsTotal: 0,
    referrals: {},
    referralsTotal: 0,
    contactsWithReferral: 0,
    languages: {},
    channels: {},
    askers: {},
    desks: {},
    themeDays: {},
    monthly: [],
    series: { unit: '', points: [], importedNotInSeries: 0 },
    heatmap: Array.from({ length: 7 }, () => new Array<number>(24).fill(0)),
    openHourContacts: 0,
    topicReferrals: {},
    topicReferralsTotal: 0,
    sdg: {},
    sdgTotal: 0,
    sdgContacts: 0,
    sinceOpening: 0,
  };
}

const sumKeys = (keys: Counts) => Object.values(keys).reduce(plusKey, 0);

function recountReportWithKeys(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): { figures: ReportFigures; keys: ReportFigures } {
  const contacts = matchingContacts(data, from, to, filters);
  const { included, notIncluded, notIncludedKey } = importedOf(data, from, to, filters);
  const days = daysInclusive(from, to);
  const f = emptyFigures(days);
  const k = emptyFigures(days);
  const sinceOpening = totalCellIn(data, data.openingDate, to, filters);
  f.imported = included.reduce((s, r) => s + r.count, 0);
  k.imported = included.reduce((s, r) => plusKey(s, r.key), 0);
  f.total = contacts.length + f.imported;
  k.total = [...contacts, ...included].reduce((s, c) => plusKey(s, c.key), 0);
  f.importedNotIncluded = notIncluded;
  k.importedNotIncluded = notIncludedKey;
  f.sinceOpening = sinceOpening.n;
  k.sinceOpening = sinceOpening.key;
  // A count and, under the same name, the key sum: `n` contacts (an imported row) adding one record key.
  const count = (name: keyof ReportFigures & string, at: number | string, key: number, n = 1) => {
    bump(f[name] as Counts, at, n);
    (k[name] as Counts)[String(at)] = plusKey((k[name] as Counts)[String(at)] ?? 0, key);
  };
  const perDay: Counts = {};
  const perDayKey: Counts = {};
  const perMonth: Counts = {};
  const perMonthKey: Counts = {};
  const goalsOf = (topics: number[]) => new Set(topics.flatMap((t) => data.topicGoals.get(t) ?? []));
  for (const c of contacts) {
    count('topicContacts', c.topics[0]!, c.key);
    for (const t of c.topics) count('topicMentions', t, c.key);
    for (const o of c.referrals) count('referrals', o, c.key);
    if (c.referrals.length > 0) {
      f.contactsWithReferral++;
      k.contactsWithReferral = plusKey(k.contactsWithReferral, c.key);
    }
    count('languages', c.languageCode, c.key);
    count('channels', c.channel, c.key);
    count('askers', c.asker, c.key);
    count('desks', c.desk, c.key);
    if (c.themeDay !== null) count('themeDays', c.themeDay, c.key);
    bump(perDay, c.day);
    perDayKey[c.day] = plusKey(perDayKey[c.day] ?? 0, c.key);
    bump(perMonth, c.day.slice(0, 7));
    perMonthKey[c.day.slice(0, 7)] = plusKey(perMonthKey[c.day.slice(0, 7)] ?? 0, c.key);
    if (c.hour !== null) {
      f.heatmap[c.weekday - 1]![c.hour]!++;
      k.heatmap[c.weekday - 1]![c.hour] = plusKey(k.heatmap[c.weekday - 1]![c.hour]!, c.key);
      f.openHourContacts++;
      k.openHourContacts = plusKey(k.openHourContacts, c.key);
    }
    for (const t of c.topics) for (const o of c.referrals) count('topicReferrals', `${t}:${o}`, c.key);
    const goals = goalsOf(c.topics);
    for (const g of goals) count('sdg', g, c.key);
    if (goals.size > 0) {
      f.sdgContacts++;
      k.sdgContacts = plusKey(k.sdgContacts, c.key);
    }
  }
  for (const r of included) {
    count('topicContacts', r.topicId, r.key, r.count);
    count('topicMentions', r.topicId, r.key, r.count);
    bump(perMonth, r.month, r.count);
    perMonthKey[r.month] = plusKey(perMonthKey[r.month] ?? 0, r.key);
    const goals = goalsOf([r.topicId]);
    for (const g of goals) count('sdg', g, r.key, r.count);
    if (goals.size > 0) {
      f.sdgContacts += r.count;
      k.sdgContacts = plusKey(k.sdgContacts, r.key);
    }
  }
  for (const [total, rows] of [
    ['topicContactsTotal', 'topicContacts'],
    ['topicMentionsTotal', 'topicMentions'],
    ['referralsTotal', 'referrals'],
    ['topicReferralsTotal', 'topicReferrals'],
    ['sdgTotal', 'sdg'],
  ] as const) {
    f[total] = sum(f[rows]);
    k[total] = sumKeys(k[rows]);
  }
  let running = 0;
  let runningKey = 0;
  for (const month of monthsTouched(from, to)) {
    const n = perMonth[month] ?? 0;
    const key = perMonthKey[month] ?? 0;
    running += n;
    runningKey = plusKey(runningKey, key);
    f.monthly.push({ month, n, cumulative: running });
    k.monthly.push({ month, n: key, cumulative: runningKey });
  }
  if (days > 366) {
    const points = (monthly: ReportFigures['monthly']) =>
      monthly.map((m) => ({
        key: m.month,
        from: `${m.month}-01` < from ? from : `${m.month}-01`,
        to: monthEnd(m.month) > to ? to : monthEnd(m.month),
        n: m.n,
      }));
    f.series = { unit: 'month', points: points(f.monthly), importedNotInSeries: 0 };
    k.series = { unit: 'month', points: points(k.monthly), importedNotInSeries: 0 };
  } else {
    const unit = days <= 92 ? 'day' : 'week';
    const points = (perDayOf: Counts, add: (a: number, b: number) => number) => {
      const out: ReportFigures['series']['points'] = [];
      for (const day of eachDay(from, to)) {
        const key = unit === 'day' ? day : isoWeek(day);
        const last = out.at(-1);
        if (last?.key === key) {
          last.to = day;
          last.n = add(last.n, perDayOf[day] ?? 0);
        } else out.push({ key, from: day, to: day, n: perDayOf[day] ?? 0 });
      }
      return out;
    };
    f.series = { unit, points: points(perDay, (a, b) => a + b), importedNotInSeries: f.imported };
    k.series = { unit, points: points(perDayKey, plusKey), importedNotInSeries: k.imported };
  }
  return { figures: f, keys: k };
}

// ---------------------------------------------------------------------------------------------
// Pivots.

export interface PivotFigures {
  /** `${row}|${column}` → contacts. */
  cells: Counts;
  rowTotals: Counts;
  columnTotals: Counts;
  total: number;
  importedNotIncluded: number;
}

function keysOf(c: RecountContact, dimension: PivotDimension): (number | string)[] {
  switch (dimension) {
    case 'topic':
      return [...new Set(c.topics)];
    case 'firstTopic':
      return [c.topics[0]!];
    case 'referral':
      return c.referrals.length > 0 ? [...new Set(c.referrals)] : ['none'];
    case 'language':
      return [c.languageCode];
    case 'channel':
      return [c.channel];
    case 'asker':
      return [c.asker];
    case 'desk':
      return [c.desk];
    case 'themeDay':
      return [c.themeDay ?? 'none'];
    case 'month':
      return [c.day.slice(0, 7)];
    case 'week':
      return [isoWeek(c.day)];
    case 'weekday':
      return [c.weekday];
    case 'hour':
      return [c.hour ?? 'none'];
  }
}

type PivotInput = { from: string; to: string; rows: PivotDimension; columns: PivotDimension; filters: readonly FilterClause[] };

export function recountPivot(data: RecountData, input: PivotInput): PivotFigures {
  return recountPivotWithKeys(data, input).figures;
}

/** The key sums of the pivot's cells and totals, in the same shape as `recountPivot`'s (only where it has a count). */
export function recountPivotKeys(data: RecountData, input: PivotInput): PivotFigures {
  return recountPivotWithKeys(data, input).keys;
}

function recountPivotWithKeys(data: RecountData, input: PivotInput): { figures: PivotFigures; keys: PivotFigures } {
  const f: PivotFigures = { cells: {}, rowTotals: {}, columnTotals: {}, total: 0, importedNotIncluded: 0 };
  const k: PivotFigures = { cells: {}, rowTotals: {}, columnTotals: {}, total: 0, importedNotIncluded: 0 };
  const count = (name: 'cells' | 'rowTotals' | 'columnTotals', at: string | number, key: number) => {
    bump(f[name], at);
    k[name][String(at)] = plusKey(k[name][String(at)] ?? 0, key);
  };
  for (const c of matchingContacts(data, input.from, input.to, input.filters)) {
    const rows = keysOf(c, input.rows);
    const columns = keysOf(c, input.columns);
    f.total++;
    k.total = plusKey(k.total, c.key);
    for (const r of rows) count('rowTotals', r, c.key);
    for (const col of columns) count('columnTotals', col, c.key);
    for (const r of rows) for (const col of columns) count('cells', `${r}|${col}`, c.key);
  }
  // Imported monthly counts have no day, hour, language…: never in a pivot. Named: those the report would count under the filter.
  const { included } = importedOf(data, input.from, input.to, input.filters);
  f.importedNotIncluded = included.reduce((s, r) => s + r.count, 0);
  k.importedNotIncluded = included.reduce((s, r) => plusKey(s, r.key), 0);
  return { figures: f, keys: k };
}
