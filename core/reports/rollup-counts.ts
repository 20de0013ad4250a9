import { sql } from 'kysely';
import type { CoreContext } from '../context';
import type { Topic } from '../catalog/catalog-types';
import { topicsOfSetKey, type Dimension } from '../rollups/rollup-keys';
import type { CountSource, Counts, GoalCounts, HourCounts } from './count-source';

/** Contacts per day and hour, for a range of days or for a few given days (ordinary days of theme days). */
async function hourlyCounts(ctx: CoreContext, days: { from: string; to: string } | readonly string[]): Promise<HourCounts> {
  if (Array.isArray(days) && days.length === 0) return new Map();
  let query = ctx.db.selectFrom('rollup_hourly').select(['day', 'hour', 'n']).where('n', '!=', 0);
  query = 'from' in days ? query.where('day', '>=', days.from).where('day', '<=', days.to) : query.where('day', 'in', [...days]);
  const rows = await query.execute();
  const byDay: HourCounts = new Map();
  for (const r of rows) {
    let hours = byDay.get(r.day);
    if (!hours) byDay.set(r.day, (hours = new Array<number>(24).fill(0)));
    hours[r.hour] = (hours[r.hour] ?? 0) + Number(r.n);
  }
  return byDay;
}

async function dimensionCounts(ctx: CoreContext, from: string, to: string): Promise<Counts> {
  const rows = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => ['dimension', 'key', eb.fn.sum<number>('n').as('n')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['dimension', 'key'])
    .execute();
  const counts: Counts = new Map();
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) continue;
    const dim = r.dimension as Dimension;
    if (!counts.has(dim)) counts.set(dim, new Map());
    counts.get(dim)!.set(Number(r.key), n);
  }
  return counts;
}

/**
 * Contacts in a period. Every counting contact has exactly one `desk` row in rollup_daily, so the desk
 * rows sum to the total; the partial index of migration 3 holds just those (about one per day), where
 * rollup_hourly has one row per open hour: "since opening" reads ~3,700 entries at ten years, not ~60,000.
 * `dimension` must be a literal for SQLite to pick the partial index.
 */
async function totalIn(ctx: CoreContext, from: string, to: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => eb.fn.sum<number>('n').as('n'))
    .where('dimension', '=', sql.lit('desk'))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Contacts per local day: the `desk` rows of rollup_daily (one per counting contact, through the
 * partial index of migration 3). Unlike rollup_hourly they include contacts known by day only.
 */
async function dailyTotals(ctx: CoreContext, from: string, to: string): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => ['day', eb.fn.sum<number>('n').as('n')])
    .where('dimension', '=', sql.lit('desk'))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .execute();
  return new Map(rows.map((r) => [r.day, Number(r.n)]));
}

/** Goal counts from the `topicset` rollup (each contact once, under the set of its topics) and the goals the topics carry now. */
export function goalCountsOfTopicSets(topics: readonly Topic[], topicSets: Map<number, number> | undefined): GoalCounts {
  const goalsOf = new Map(topics.map((t) => [t.id, t.sdgs]));
  const perGoal = new Map<number, number>();
  let contacts = 0;
  for (const [key, n] of topicSets ?? []) {
    const goals = new Set(topicsOfSetKey(key).flatMap((id) => goalsOf.get(id) ?? []));
    if (goals.size === 0) continue;
    contacts += n;
    for (const g of goals) perGoal.set(g, (perGoal.get(g) ?? 0) + n);
  }
  return { perGoal, contacts };
}

/** The unfiltered counts from the rollups. */
export function rollupSource(ctx: CoreContext, topics: readonly Topic[]): CountSource {
  return {
    async period(from, to) {
      const [counts, hourly, daily] = await Promise.all([dimensionCounts(ctx, from, to), hourlyCounts(ctx, { from, to }), dailyTotals(ctx, from, to)]);
      return { counts, goals: goalCountsOfTopicSets(topics, counts.get('topicset')), hourly, daily };
    },
    hourly: (days) => hourlyCounts(ctx, days),
    total: (from, to) => totalIn(ctx, from, to),
  };
}
