import type { Topic } from '../catalog/catalog-types';
import { addCells, EMPTY_CELL, type Cell } from '../publication/cell-key';
import { dayNumber, dayString } from './day-numbers';
import { countRows, countRowsBySpan, selectRows, type FilterStep } from './select-rows';
import type { StoreSnapshot } from './analysis-store';
import { addTally, emptyTally, tallyRows, type Tally, type TallySizes } from './tally';

/** Each calendar month touched by a span of day numbers: its first and last day. */
function monthsOfDays(fromDay: number, toDay: number): { first: number; last: number }[] {
  const months: { first: number; last: number }[] = [];
  let day = fromDay;
  while (day <= toDay) {
    const iso = dayString(day);
    const y = Number(iso.slice(0, 4));
    const m = Number(iso.slice(5, 7));
    const first = dayNumber(`${iso.slice(0, 7)}-01`);
    const last = Date.UTC(y, m, 0) / 86_400_000;
    months.push({ first, last });
    day = last + 1;
  }
  return months;
}

const nextPowerOfTwo = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(n, 16)));

/** The goals of each topic code as bits (bit g = goal g), from the catalog as it is now. */
export function goalMaskOf(snapshot: StoreSnapshot, topics: readonly Topic[]): Uint32Array {
  const mask = new Uint32Array(snapshot.dicts.topics.size);
  for (const t of topics) {
    const code = snapshot.dicts.topics.find(t.id);
    if (code > 0) mask[code] = t.sdgs.reduce((bits, g) => bits | (1 << g), 0);
  }
  return mask;
}

/**
 * Tallies of periods over the store. Unfiltered, whole months come from a cache of month tallies
 * (forgotten month by month as contacts change, wholly when the store loads again, the catalog's
 * goals change or the organisations outgrow the cross-table's stride), so "since opening" adds ~120
 * small tallies instead of scanning a million rows; filtered questions scan just the period's slice.
 */
/** Filters whose month counts are kept (most recently used first out of the map last). */
const KEPT_FILTERS = 16;

/** A filter's identity as the store evaluates it: the steps' kinds and masks (so a catalog change that alters a mask makes another key). */
const signatureOf = (steps: readonly FilterStep[]) =>
  steps.map((s) => `${s.kind}:${'column' in s ? s.column : ''}:${s.exclude ? 1 : 0}:${'none' in s && s.none ? 1 : 0}:${s.mask.join('')}`).join('|');

export class PeriodTallies {
  private months = new Map<number, Tally>();
  /**
   * Per filter, contacts per whole month with their key sum: the headline's and comparisons' totals under a
   * filter (published from both in publication mode) without rescanning ten years.
   */
  private filteredCounts = new Map<string, Map<number, Cell>>();
  private generation = -1;
  private goalSignature = '';
  private crossStride = 0;

  sizes(snapshot: StoreSnapshot): TallySizes {
    const { dicts } = snapshot;
    return {
      topics: dicts.topics.size,
      organisations: dicts.organisations.size,
      languages: dicts.languages.size,
      desks: dicts.desks.size,
      themeDays: dicts.themeDays.size,
      crossStride: nextPowerOfTwo(dicts.organisations.size),
    };
  }

  /** Called by the store for every day whose contacts changed. */
  forgetDays(days: readonly number[]) {
    for (const day of days) {
      const first = monthsOfDays(day, day)[0]!.first;
      this.months.delete(first);
      for (const counts of this.filteredCounts.values()) counts.delete(first);
    }
  }

  /** Drops month tallies made under another load, other goals or another cross-table stride. */
  private forget(snapshot: StoreSnapshot, goalMask: Uint32Array, sizes: TallySizes) {
    const signature = goalMask.join(',');
    if (snapshot.generation !== this.generation || signature !== this.goalSignature || sizes.crossStride !== this.crossStride) {
      this.months.clear();
      this.filteredCounts.clear();
      this.generation = snapshot.generation;
      this.goalSignature = signature;
      this.crossStride = sizes.crossStride;
    }
  }

  async tally(snapshot: StoreSnapshot, fromDay: number, toDay: number, steps: readonly FilterStep[], goalMask: Uint32Array): Promise<Tally> {
    const sizes = this.sizes(snapshot);
    this.forget(snapshot, goalMask, sizes);
    // A period ending before it starts (since opening, asked before the opening date) counts nothing.
    const result = emptyTally(sizes, fromDay, Math.max(toDay - fromDay + 1, 0));
    if (toDay < fromDay) return result;
    if (steps.length > 0) return tallyRows(snapshot.cols, selectRows(snapshot.cols, fromDay, toDay, steps), goalMask, result);
    for (const { first, last } of monthsOfDays(fromDay, toDay)) {
      if (first < fromDay || last > toDay) {
        tallyRows(snapshot.cols, selectRows(snapshot.cols, Math.max(first, fromDay), Math.min(last, toDay), steps), goalMask, result);
      } else {
        addTally(result, await this.month(snapshot, first, last, goalMask, sizes));
      }
    }
    return result;
  }

  /**
   * A whole month's unfiltered tally, from the cache or counted now. After counting one it lets the event
   * loop turn: the first "since opening" after a start counts ~120 months, and taps go in between.
   */
  private async month(snapshot: StoreSnapshot, first: number, last: number, goalMask: Uint32Array, sizes: TallySizes): Promise<Tally> {
    const cached = this.months.get(first);
    if (cached) return cached;
    const month = tallyRows(snapshot.cols, selectRows(snapshot.cols, first, last, []), goalMask, emptyTally(sizes, first, last - first + 1));
    // Kept only while the store is still the one this question started on (a reload in between brings new codes).
    if (snapshot.generation === this.generation) this.months.set(first, month);
    await new Promise((resolve) => setImmediate(resolve));
    return month;
  }

  /** Contacts in a period matching the steps and their key sum (a comparison's or the headline's total): whole months from a cache. */
  async count(snapshot: StoreSnapshot, fromDay: number, toDay: number, steps: readonly FilterStep[], goalMask: Uint32Array): Promise<Cell> {
    if (toDay < fromDay) return EMPTY_CELL;
    const sizes = this.sizes(snapshot);
    this.forget(snapshot, goalMask, sizes);
    const filtered = steps.length > 0 ? this.countsOf(signatureOf(steps)) : null;
    const months = monthsOfDays(fromDay, toDay);
    const whole = months.filter(({ first, last }) => first >= fromDay && last <= toDay);
    const missing = filtered ? whole.filter(({ first }) => !filtered.has(first)) : [];
    if (filtered && missing.length > 0) {
      const counts = countRowsBySpan(snapshot.cols, missing, steps);
      if (snapshot.generation === this.generation) missing.forEach(({ first }, i) => filtered.set(first, counts[i]!));
      else return countRows(snapshot.cols, fromDay, toDay, steps);
    }
    let total = EMPTY_CELL;
    for (const { first, last } of months) {
      if (first < fromDay || last > toDay) total = addCells(total, countRows(snapshot.cols, Math.max(first, fromDay), Math.min(last, toDay), steps));
      else if (!filtered) {
        const month = await this.month(snapshot, first, last, goalMask, sizes);
        total = addCells(total, { n: month.total, key: month.keys.total });
      } else total = addCells(total, filtered.get(first)!);
    }
    return total;
  }

  /** The month counts kept for a filter, made the most recently used. */
  private countsOf(signature: string): Map<number, Cell> {
    const counts = this.filteredCounts.get(signature) ?? new Map<number, Cell>();
    this.filteredCounts.delete(signature);
    this.filteredCounts.set(signature, counts);
    if (this.filteredCounts.size > KEPT_FILTERS) this.filteredCounts.delete(this.filteredCounts.keys().next().value!);
    return counts;
  }
}
