import type { Catalog } from '../catalog/catalog-types';
import type { CountSource, Counts, HourCounts, KeyedHours, PeriodCounts, PeriodFigures } from '../reports/count-source';
import { crossKey, type Dimension } from '../rollups/rollup-keys';
import type { AnalysisStore, StoreSnapshot } from './analysis-store';
import { eachDay } from '../reports/calendar-days';
import { dayNumber, dayString, NO_HOUR } from './day-numbers';
import type { Dictionary } from './dictionary';
import type { ResolvedFilterClause } from './filter-inputs';
import { goalMaskOf } from './period-tally';
import { compileFilters, selectRows, type FilterStep } from './select-rows';
import type { Tally } from './tally';

/** Count and key-sum maps filled side by side: a key entry wherever there is a count (a key sum may well be 0). */
interface KeyedMaps<K> {
  counts: Map<K, number>;
  keys: Map<K, number>;
}

const keyedMaps = <K>(): KeyedMaps<K> => ({ counts: new Map(), keys: new Map() });

/** A tally's array by code, as counts (and key sums) by catalog id (or enum index). */
function byId(counts: Int32Array, keys: Uint32Array, dict: Dictionary<number> | null): KeyedMaps<number> {
  const out = keyedMaps<number>();
  for (let code = 0; code < counts.length; code++) {
    const n = counts[code]!;
    if (n === 0) continue;
    const id = dict ? dict.value(code) : code;
    if (id === null) continue;
    out.counts.set(id, n);
    out.keys.set(id, keys[code]!);
  }
  return out;
}

function countsOf(t: Tally, s: StoreSnapshot): { counts: Counts; keys: Counts } {
  const { dicts } = s;
  const referred = keyedMaps<number>();
  if (t.referred > 0) {
    referred.counts.set(0, t.referred);
    referred.keys.set(0, t.keys.referred);
  }
  const cross = keyedMaps<number>();
  for (let i = 0; i < t.cross.length; i++) {
    const n = t.cross[i]!;
    if (n === 0) continue;
    const topicId = dicts.topics.value(Math.floor(i / t.crossStride));
    const organisationId = dicts.organisations.value(i % t.crossStride);
    if (topicId === null || organisationId === null) continue;
    cross.counts.set(crossKey(topicId, organisationId), n);
    cross.keys.set(crossKey(topicId, organisationId), t.keys.cross[i]!);
  }
  const dimensions: [Dimension, KeyedMaps<number>][] = [
    ['topic', byId(t.firstTopic, t.keys.firstTopic, dicts.topics)],
    ['mention', byId(t.mention, t.keys.mention, dicts.topics)],
    ['referral', byId(t.referral, t.keys.referral, dicts.organisations)],
    ['language', byId(t.language, t.keys.language, dicts.languages)],
    ['channel', byId(t.channel, t.keys.channel, null)],
    ['asker', byId(t.asker, t.keys.asker, null)],
    ['desk', byId(t.desk, t.keys.desk, dicts.desks)],
    ['theme', byId(t.theme, t.keys.theme, dicts.themeDays)],
    ['referred', referred],
    ['cross', cross],
  ];
  return { counts: new Map(dimensions.map(([d, m]) => [d, m.counts])), keys: new Map(dimensions.map(([d, m]) => [d, m.keys])) };
}

/** The tally's days as YYYY-MM-DD, in order. */
const daysOf = (t: Tally) => [...eachDay(dayString(t.fromDay), dayString(t.fromDay + t.days - 1))];

function hourlyOf(t: Tally, days: string[]): KeyedHours {
  const hourly: KeyedHours = { counts: new Map(), keys: new Map() };
  const { perDay, perDayHour } = t;
  const keyPerDayHour = t.keys.perDayHour;
  for (let d = 0; d < t.days; d++) {
    if (perDay[d] === 0) continue;
    const first = d * 24;
    let timed = false;
    for (let h = 0; h < 24 && !timed; h++) timed = perDayHour[first + h] !== 0;
    if (!timed) continue;
    // Plain loops rather than Array.from over subarrays: ten years are 3,650 days, twice.
    const counts = new Array<number>(24);
    const keys = new Array<number>(24);
    for (let h = 0; h < 24; h++) {
      counts[h] = perDayHour[first + h]!;
      keys[h] = keyPerDayHour[first + h]!;
    }
    hourly.counts.set(days[d]!, counts);
    hourly.keys.set(days[d]!, keys);
  }
  return hourly;
}

function dailyOf(t: Tally, days: string[]): KeyedMaps<string> {
  const daily = keyedMaps<string>();
  for (let d = 0; d < t.days; d++) {
    if (t.perDay[d] === 0) continue;
    daily.counts.set(days[d]!, t.perDay[d]!);
    daily.keys.set(days[d]!, t.keys.perDay[d]!);
  }
  return daily;
}

function goalsOf(t: Tally): { counts: PeriodFigures['goals']; keys: PeriodFigures['goals'] } {
  const perGoal = keyedMaps<number>();
  t.sdg.forEach((n, goal) => {
    if (n === 0) return;
    perGoal.counts.set(goal, n);
    perGoal.keys.set(goal, t.keys.sdg[goal]!);
  });
  return { counts: { perGoal: perGoal.counts, contacts: t.sdgContacts }, keys: { perGoal: perGoal.keys, contacts: t.keys.sdgContacts } };
}

/** A tally as a report's counts, with the key sums beside them in the same shape. */
export function periodCountsOf(t: Tally, snapshot: StoreSnapshot): PeriodCounts {
  const days = daysOf(t);
  const counts = countsOf(t, snapshot);
  const goals = goalsOf(t);
  const hourly = hourlyOf(t, days);
  const daily = dailyOf(t, days);
  return {
    counts: counts.counts,
    goals: goals.counts,
    hourly: hourly.counts,
    daily: daily.counts,
    keys: { counts: counts.keys, goals: goals.keys, hourly: hourly.keys, daily: daily.keys },
  };
}

/**
 * The counts of a report from the analysis store, restricted to the contacts the filter matches, each
 * with its key sum. One snapshot serves the whole report, so its period, comparisons and headline agree
 * with each other.
 */
export async function storeSource(store: AnalysisStore, catalog: Catalog, filters: readonly ResolvedFilterClause[]): Promise<CountSource> {
  const snapshot = await store.snapshot();
  const steps: FilterStep[] = compileFilters(filters, snapshot.dicts, catalog);
  const goalMask = goalMaskOf(snapshot, catalog.topics);
  return {
    async period(from, to): Promise<PeriodCounts> {
      return periodCountsOf(await snapshot.tallies.tally(snapshot, dayNumber(from), dayNumber(to), steps, goalMask), snapshot);
    },
    async hourly(days): Promise<KeyedHours> {
      const counts: HourCounts = new Map();
      const keys: HourCounts = new Map();
      const { hour, key } = snapshot.cols;
      for (const day of days) {
        const perHour = new Array<number>(24).fill(0);
        const keyPerHour = new Array<number>(24).fill(0);
        let timed = 0;
        for (const row of selectRows(snapshot.cols, dayNumber(day), dayNumber(day), steps)) {
          const h = hour[row]!;
          if (h === NO_HOUR) continue;
          perHour[h]! += 1;
          keyPerHour[h] = (keyPerHour[h]! + key[row]!) >>> 0;
          timed += 1;
        }
        if (timed === 0) continue;
        counts.set(day, perHour);
        keys.set(day, keyPerHour);
      }
      return { counts, keys };
    },
    async total(from, to) {
      return snapshot.tallies.count(snapshot, dayNumber(from), dayNumber(to), steps, goalMask);
    },
  };
}
