import { sql } from 'kysely';
import type { CoreContext } from '../context';
import type { Topic } from '../catalog/catalog-types';
import { addKeys, KEY_RANGE, type Cell } from '../publication/cell-key';
import { topicsOfSetKey, type Dimension } from '../rollups/rollup-keys';
import type { CountSource, Counts, GoalCounts, KeyedHours } from './count-source';

/**
 * SQL: the key sums of the rollup rows a query adds up, modulo 2^32 (each row's `key_sum` is below
 * 2^32, so the sum of a few thousand rows stays exact in a 64-bit integer; PostgreSQL sums bigints
 * as numeric, hence the cast). Counts and key sums come from the same rows, so they always match.
 */
const keySumOf = (column: string) => sql<number>`cast(sum(${sql.ref(column)}) % ${sql.lit(KEY_RANGE)} as bigint)`;

/** Contacts per day and hour, with their key sums, for a range of days or for a few given days (ordinary days of theme days). */
async function hourlyCounts(ctx: CoreContext, days: { from: string; to: string } | readonly string[]): Promise<KeyedHours> {
  const out: KeyedHours = { counts: new Map(), keys: new Map() };
  if (Array.isArray(days) && days.length === 0) return out;
  let query = ctx.db.selectFrom('rollup_hourly').select(['day', 'hour', 'n', 'key_sum']).where('n', '!=', 0);
  query = 'from' in days ? query.where('day', '>=', days.from).where('day', '<=', days.to) : query.where('day', 'in', [...days]);
  const rows = await query.execute();
  for (const r of rows) {
    let hours = out.counts.get(r.day);
    let keys = out.keys.get(r.day);
    if (!hours || !keys) {
      out.counts.set(r.day, (hours = new Array<number>(24).fill(0)));
      out.keys.set(r.day, (keys = new Array<number>(24).fill(0)));
    }
    hours[r.hour] = (hours[r.hour] ?? 0) + Number(r.n);
    keys[r.hour] = addKeys(keys[r.hour] ?? 0, Number(r.key_sum));
  }
  return out;
}

async function dimensionCounts(ctx: CoreContext, from: string, to: string): Promise<{ counts: Counts; keys: Counts }> {
  const rows = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => ['dimension', 'key', eb.fn.sum<number>('n').as('n'), keySumOf('key_sum').as('key_sum')])
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy(['dimension', 'key'])
    .execute();
  const counts: Counts = new Map();
  const keys: Counts = new Map();
  for (const r of rows) {
    const n = Number(r.n);
    if (n === 0) continue;
    const dim = r.dimension as Dimension;
    if (!counts.has(dim)) {
      counts.set(dim, new Map());
      keys.set(dim, new Map());
    }
    counts.get(dim)!.set(Number(r.key), n);
    keys.get(dim)!.set(Number(r.key), Number(r.key_sum));
  }
  return { counts, keys };
}

/**
 * Contacts in a period, with their key sum. Every counting contact has exactly one `desk` row in
 * rollup_daily, so the desk rows sum to the total; the partial index of migration 3 holds just those
 * (about one per day), where rollup_hourly has one row per open hour: "since opening" reads ~3,700
 * entries at ten years, not ~60,000. `dimension` must be a literal for SQLite to pick the partial index.
 */
async function totalIn(ctx: CoreContext, from: string, to: string): Promise<Cell> {
  const row = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => [eb.fn.sum<number>('n').as('n'), keySumOf('key_sum').as('key_sum')])
    .where('dimension', '=', sql.lit('desk'))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .executeTakeFirst();
  return { n: Number(row?.n ?? 0), key: Number(row?.key_sum ?? 0) };
}

/**
 * Contacts per local day, with their key sums: the `desk` rows of rollup_daily (one per counting
 * contact, through the partial index of migration 3). Unlike rollup_hourly they include contacts known by day only.
 */
async function dailyTotals(ctx: CoreContext, from: string, to: string): Promise<{ counts: Map<string, number>; keys: Map<string, number> }> {
  const rows = await ctx.db
    .selectFrom('rollup_daily')
    .select((eb) => ['day', eb.fn.sum<number>('n').as('n'), keySumOf('key_sum').as('key_sum')])
    .where('dimension', '=', sql.lit('desk'))
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .execute();
  return { counts: new Map(rows.map((r) => [r.day, Number(r.n)])), keys: new Map(rows.map((r) => [r.day, Number(r.key_sum)])) };
}

/**
 * Goal counts from the `topicset` rollup (each contact once, under the set of its topics) and the goals
 * the topics carry now; `keys`: the key sums of the same cells, from the key sums beside the topic sets.
 */
export function goalCountsOfTopicSets(
  topics: readonly Topic[],
  topicSets: Map<number, number> | undefined,
  topicSetKeys: Map<number, number> | undefined,
): GoalCounts & { keys: GoalCounts } {
  const goalsOf = new Map(topics.map((t) => [t.id, t.sdgs]));
  const perGoal = new Map<number, number>();
  const keys: GoalCounts = { perGoal: new Map(), contacts: 0 };
  let contacts = 0;
  for (const [setKey, n] of topicSets ?? []) {
    const goals = new Set(topicsOfSetKey(setKey).flatMap((id) => goalsOf.get(id) ?? []));
    if (goals.size === 0) continue;
    const key = topicSetKeys?.get(setKey) ?? 0;
    contacts += n;
    keys.contacts = addKeys(keys.contacts, key);
    for (const g of goals) {
      perGoal.set(g, (perGoal.get(g) ?? 0) + n);
      keys.perGoal.set(g, addKeys(keys.perGoal.get(g) ?? 0, key));
    }
  }
  return { perGoal, contacts, keys };
}

/** The unfiltered counts from the rollups, with the key sums of the same cells (core/reports/count-source.ts). */
export function rollupSource(ctx: CoreContext, topics: readonly Topic[]): CountSource {
  return {
    async period(from, to) {
      const [dimensions, hourly, daily] = await Promise.all([dimensionCounts(ctx, from, to), hourlyCounts(ctx, { from, to }), dailyTotals(ctx, from, to)]);
      const { keys: goalKeys, ...goals } = goalCountsOfTopicSets(topics, dimensions.counts.get('topicset'), dimensions.keys.get('topicset'));
      return {
        counts: dimensions.counts,
        goals,
        hourly: hourly.counts,
        daily: daily.counts,
        keys: { counts: dimensions.keys, goals: goalKeys, hourly: hourly.keys, daily: daily.keys },
      };
    },
    hourly: (days) => hourlyCounts(ctx, days),
    total: (from, to) => totalIn(ctx, from, to),
  };
}
