import { CHANNELS, ASKERS } from '../base/enums';
import type { Catalog } from '../catalog/catalog-types';
import type { CountSource, Counts, HourCounts, PeriodCounts } from '../reports/count-source';
import { crossKey, type Dimension } from '../rollups/rollup-keys';
import type { AnalysisStore, StoreSnapshot } from './analysis-store';
import { eachDay } from '../reports/calendar-days';
import { dayNumber, dayString, NO_HOUR } from './day-numbers';
import type { Dictionary } from './dictionary';
import type { ResolvedFilterClause } from './filter-inputs';
import { goalMaskOf } from './period-tally';
import { compileFilters, selectRows, type FilterStep } from './select-rows';
import type { Tally } from './tally';

/** A tally's array by code, as counts by catalog id (or enum index). */
function byId(array: Int32Array, dict: Dictionary<number> | null): Map<number, number> {
  const out = new Map<number, number>();
  for (let code = 0; code < array.length; code++) {
    const n = array[code]!;
    if (n === 0) continue;
    const id = dict ? dict.value(code) : code;
    if (id !== null) out.set(id, n);
  }
  return out;
}

function countsOf(t: Tally, s: StoreSnapshot): Counts {
  const { dicts } = s;
  const counts: Counts = new Map<Dimension, Map<number, number>>([
    ['topic', byId(t.firstTopic, dicts.topics)],
    ['mention', byId(t.mention, dicts.topics)],
    ['referral', byId(t.referral, dicts.organisations)],
    ['language', byId(t.language, dicts.languages)],
    ['channel', byId(t.channel.subarray(0, CHANNELS.length), null)],
    ['asker', byId(t.asker.subarray(0, ASKERS.length), null)],
    ['desk', byId(t.desk, dicts.desks)],
    ['theme', byId(t.theme, dicts.themeDays)],
    ['referred', new Map(t.referred > 0 ? [[0, t.referred]] : [])],
  ]);
  const cross = new Map<number, number>();
  for (let i = 0; i < t.cross.length; i++) {
    const n = t.cross[i]!;
    if (n === 0) continue;
    const topicId = dicts.topics.value(Math.floor(i / t.crossStride));
    const organisationId = dicts.organisations.value(i % t.crossStride);
    if (topicId !== null && organisationId !== null) cross.set(crossKey(topicId, organisationId), n);
  }
  counts.set('cross', cross);
  return counts;
}

/** The tally's days as YYYY-MM-DD, in order. */
const daysOf = (t: Tally) => [...eachDay(dayString(t.fromDay), dayString(t.fromDay + t.days - 1))];

function hourlyOf(t: Tally, days: string[]): HourCounts {
  const hourly: HourCounts = new Map();
  for (let d = 0; d < t.days; d++) {
    if (t.perDay[d] === 0) continue;
    const hours = Array.from(t.perDayHour.subarray(d * 24, d * 24 + 24));
    if (hours.some((n) => n !== 0)) hourly.set(days[d]!, hours);
  }
  return hourly;
}

function dailyOf(t: Tally, days: string[]): Map<string, number> {
  const daily = new Map<string, number>();
  for (let d = 0; d < t.days; d++) if (t.perDay[d] !== 0) daily.set(days[d]!, t.perDay[d]!);
  return daily;
}

/**
 * The counts of a report from the analysis store, restricted to the contacts the filter matches. One
 * snapshot serves the whole report, so its period, comparisons and headline agree with each other.
 */
export async function storeSource(store: AnalysisStore, catalog: Catalog, filters: readonly ResolvedFilterClause[]): Promise<CountSource> {
  const snapshot = await store.snapshot();
  const steps: FilterStep[] = compileFilters(filters, snapshot.dicts, catalog);
  const goalMask = goalMaskOf(snapshot, catalog.topics);
  return {
    async period(from, to): Promise<PeriodCounts> {
      const t = await snapshot.tallies.tally(snapshot, dayNumber(from), dayNumber(to), steps, goalMask);
      const perGoal = new Map<number, number>();
      t.sdg.forEach((n, goal) => n > 0 && perGoal.set(goal, n));
      const days = daysOf(t);
      return { counts: countsOf(t, snapshot), goals: { perGoal, contacts: t.sdgContacts }, hourly: hourlyOf(t, days), daily: dailyOf(t, days) };
    },
    async hourly(days) {
      const hourly: HourCounts = new Map();
      for (const day of days) {
        const hours = new Array<number>(24).fill(0);
        let timed = 0;
        for (const row of selectRows(snapshot.cols, dayNumber(day), dayNumber(day), steps)) {
          const hour = snapshot.cols.hour[row]!;
          if (hour === NO_HOUR) continue;
          hours[hour]! += 1;
          timed += 1;
        }
        if (timed > 0) hourly.set(day, hours);
      }
      return hourly;
    },
    async total(from, to) {
      return snapshot.tallies.count(snapshot, dayNumber(from), dayNumber(to), steps, goalMask);
    },
  };
}
