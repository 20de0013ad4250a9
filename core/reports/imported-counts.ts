import type { CoreContext } from '../context';

/**
 * Monthly counts imported from earlier tallies (`imported_monthly`). They have no day, so a month
 * belongs to a period when the period contains the month's first day — or, for the month the site
 * opened in, its opening date. Every month thus falls into exactly one of any periods that split
 * the calendar ("this month", "last month", "since opening" all take it whole), and none is
 * counted twice by a report and its previous period.
 */
export type ImportedCounts = Map<string, Map<number, number>>; // month → topic id → count

export const anchorDay = (month: string, openingDate: string) => (openingDate.slice(0, 7) === month ? openingDate : `${month}-01`);

/** The imported counts of every month from `fromMonth` to `toMonth` (YYYY-MM), read from the small imported_monthly table. */
export async function readImportedCounts(ctx: CoreContext, fromMonth: string, toMonth: string): Promise<ImportedCounts> {
  const rows = await ctx.db
    .selectFrom('imported_monthly')
    .select((eb) => ['month', 'topic_id', eb.fn.sum<number>('count').as('n')])
    .where('month', '>=', fromMonth)
    .where('month', '<=', toMonth)
    .groupBy(['month', 'topic_id'])
    .execute();
  const counts: ImportedCounts = new Map();
  for (const r of rows) {
    let topics = counts.get(r.month);
    if (!topics) counts.set(r.month, (topics = new Map()));
    topics.set(Number(r.topic_id), Number(r.n));
  }
  return counts;
}

export interface ImportedInPeriod {
  total: number;
  byMonth: Map<string, number>;
  byTopic: Map<number, number>;
}

/** The imported counts that belong to a period (see above). */
export function importedIn(counts: ImportedCounts, from: string, to: string, openingDate: string): ImportedInPeriod {
  const out: ImportedInPeriod = { total: 0, byMonth: new Map(), byTopic: new Map() };
  for (const [month, topics] of counts) {
    const anchor = anchorDay(month, openingDate);
    if (anchor < from || anchor > to) continue;
    for (const [topicId, n] of topics) {
      out.total += n;
      out.byMonth.set(month, (out.byMonth.get(month) ?? 0) + n);
      out.byTopic.set(topicId, (out.byTopic.get(topicId) ?? 0) + n);
    }
  }
  return out;
}
