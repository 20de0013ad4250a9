import type { ResolvedFilterClause } from '../analysis/filter-inputs';
import type { Topic } from '../catalog/catalog-types';
import type { CoreContext } from '../context';
import { addCells, EMPTY_CELL, KEY_RANGE, type Cell } from '../publication/cell-key';
import { sql } from 'kysely';
import { anchorDay } from './calendar-days';

/**
 * Monthly counts imported from earlier tallies (`imported_monthly`). They have no day, so a month
 * belongs to a period when the period contains the month's first day — or, for the month the site
 * opened in, its opening date. Every month thus falls into exactly one of any periods that split
 * the calendar ("this month", "last month", "since opening" all take it whole), and none is
 * counted twice by a report and its previous period.
 */
/** Month → topic id → count, with the key sum of the imported rows (each row carries one record key, core/publication/cell-key.ts). */
export type ImportedCounts = Map<string, Map<number, Cell>>;

/** The imported counts of every month from `fromMonth` to `toMonth` (YYYY-MM), read from the small imported_monthly table. */
export async function readImportedCounts(ctx: CoreContext, fromMonth: string, toMonth: string): Promise<ImportedCounts> {
  const rows = await ctx.db
    .selectFrom('imported_monthly')
    .select((eb) => ['month', 'topic_id', eb.fn.sum<number>('count').as('n'), sql<number>`cast(sum(record_key) % ${sql.lit(KEY_RANGE)} as bigint)`.as('key')])
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy(['month', 'topic_id'])
    .execute();
  const counts: ImportedCounts = new Map();
  for (const r of rows) {
    let topics = counts.get(r.month);
    if (!topics) counts.set(r.month, (topics = new Map()));
    topics.set(Number(r.topic_id), { n: Number(r.n), key: Number(r.key) });
  }
  return counts;
}

export interface ImportedInPeriod {
  total: Cell;
  byMonth: Map<string, Cell>;
  byTopic: Map<number, Cell>;
}

/** The imported counts that belong to a period (see above). */
export function importedIn(counts: ImportedCounts, from: string, to: string, openingDate: string): ImportedInPeriod {
  const out: ImportedInPeriod = { total: EMPTY_CELL, byMonth: new Map(), byTopic: new Map() };
  for (const [month, topics] of counts) {
    const anchor = anchorDay(month, openingDate);
    if (anchor < from || anchor > to) continue;
    for (const [topicId, cell] of topics) {
      out.total = addCells(out.total, cell);
      out.byMonth.set(month, addCells(out.byMonth.get(month) ?? EMPTY_CELL, cell));
      out.byTopic.set(topicId, addCells(out.byTopic.get(topicId) ?? EMPTY_CELL, cell));
    }
  }
  return out;
}

/** The filter dimensions an imported monthly count (a topic and a month, nothing else) can be judged by. */
const TOPIC_ONLY_DIMENSIONS = new Set(['topic', 'firstTopic', 'sdg']);

/**
 * Splits the imported counts by a filter: those it matches (a count's one topic is its first topic and
 * its only mention; the others are simply not matched) and those it leaves out for want of facts — all
 * of them as soon as a clause asks for anything imported counts do not record (language, channel,
 * referral, …), since nobody knows theirs.
 */
export function importedMatching(
  counts: ImportedCounts,
  filters: readonly ResolvedFilterClause[],
  topics: readonly Topic[],
): { kept: ImportedCounts; leftOut: ImportedCounts } {
  if (filters.length === 0) return { kept: counts, leftOut: new Map() };
  if (filters.some((c) => !TOPIC_ONLY_DIMENSIONS.has(c.dimension))) return { kept: new Map(), leftOut: counts };
  const goalsOf = new Map(topics.map((t) => [t.id, t.sdgs]));
  const matches = (topicId: number) =>
    filters.every((c) => {
      const hit = c.dimension === 'sdg' ? (goalsOf.get(topicId) ?? []).some((g) => c.values.includes(g)) : c.values.includes(topicId);
      return hit !== c.exclude;
    });
  const kept: ImportedCounts = new Map();
  for (const [month, byTopic] of counts) {
    for (const [topicId, n] of byTopic) {
      if (!matches(topicId)) continue;
      if (!kept.has(month)) kept.set(month, new Map());
      kept.get(month)!.set(topicId, n);
    }
  }
  return { kept, leftOut: new Map() };
}
