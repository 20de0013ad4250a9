import { ASKERS, CHANNELS } from '../../core/base/enums';
import type { FilterClause } from '../../core/analysis/filter-inputs';
import type { KeyedHours, PeriodCounts } from '../../core/reports/count-source';
import { matchingContacts, type RecountData } from './recount';

/**
 * Issue 17: what the analysis store's count source (core/analysis/store-source.ts) answers — the
 * counting contacts of a period under a filter, imported monthly counts not included — recounted from
 * test/support/recount.ts's plain reading of the tables, each figure a count with the key sum of the
 * contacts it counts (record keys modulo 2^32, a contact counted twice adding its key twice). Both
 * sides are flattened into `name → {n, key}` so a failure names the figure.
 */

export type FlatCells = Record<string, { n: number; key: number }>;

const KEY_RANGE = 4_294_967_296;
/** Cross-table keys of the count source: topic id × 1,000,000 + organisation id (core/rollups/rollup-keys.ts), written out again. */
const CROSS_FACTOR = 1_000_000;

function add(cells: FlatCells, name: string, key: number) {
  const cell = (cells[name] ??= { n: 0, key: 0 });
  cell.n += 1;
  cell.key = (cell.key + key) % KEY_RANGE;
}

/** The store's figures of a period, recounted: every breakdown by catalog id, the cross-table, goals, per day and per day and hour. */
export function recountStoreCells(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): FlatCells {
  const cells: FlatCells = {};
  for (const c of matchingContacts(data, from, to, filters)) {
    add(cells, `topic:${c.topics[0]}`, c.key);
    for (const t of c.topics) add(cells, `mention:${t}`, c.key);
    for (const o of c.referrals) add(cells, `referral:${o}`, c.key);
    if (c.referrals.length > 0) add(cells, 'referred:0', c.key);
    for (const t of c.topics) for (const o of c.referrals) add(cells, `cross:${t}:${o}`, c.key);
    add(cells, `language:${c.languageId}`, c.key);
    add(cells, `channel:${c.channel}`, c.key);
    add(cells, `asker:${c.asker}`, c.key);
    add(cells, `desk:${c.desk}`, c.key);
    if (c.themeDay !== null) add(cells, `theme:${c.themeDay}`, c.key);
    const goals = new Set(c.topics.flatMap((t) => data.topicGoals.get(t) ?? []));
    for (const g of goals) add(cells, `goal:${g}`, c.key);
    if (goals.size > 0) add(cells, 'goalContacts', c.key);
    add(cells, `day:${c.day}`, c.key);
    if (c.hour !== null) add(cells, `hour:${c.day}:${c.hour}`, c.key);
  }
  return cells;
}

/** Contacts per hour on the given days, with key sums (the count source's `hourly`). */
export function recountHourCells(data: RecountData, days: readonly string[], filters: readonly FilterClause[]): FlatCells {
  const cells: FlatCells = {};
  for (const day of days) for (const c of matchingContacts(data, day, day, filters)) if (c.hour !== null) add(cells, `hour:${day}:${c.hour}`, c.key);
  return cells;
}

/** The contacts of a span and their key sum (the count source's `total`). */
export function recountTotalCell(data: RecountData, from: string, to: string, filters: readonly FilterClause[]): { n: number; key: number } {
  const contacts = matchingContacts(data, from, to, filters);
  return { n: contacts.length, key: contacts.reduce((s, c) => (s + c.key) % KEY_RANGE, 0) };
}

const put = (cells: FlatCells, name: string, n: number, key: number | undefined) => {
  if (n !== 0) cells[name] = { n, key: key ?? 0 };
};

function flattenHours(cells: FlatCells, hours: KeyedHours) {
  for (const [day, perHour] of hours.counts) perHour.forEach((n, h) => put(cells, `hour:${day}:${h}`, n, hours.keys.get(day)?.[h]));
}

/** The count source's answer for a period, in the recount's names. */
export function flattenPeriodCounts(p: PeriodCounts): FlatCells {
  const cells: FlatCells = {};
  for (const [dimension, byId] of p.counts) {
    const keys = p.keys.counts.get(dimension);
    for (const [id, n] of byId) {
      const name =
        dimension === 'cross'
          ? `cross:${Math.floor(id / CROSS_FACTOR)}:${id % CROSS_FACTOR}`
          : dimension === 'channel'
            ? `channel:${CHANNELS[id]}`
            : dimension === 'asker'
              ? `asker:${ASKERS[id]}`
              : `${dimension}:${id}`;
      put(cells, name, n, keys?.get(id));
    }
  }
  for (const [goal, n] of p.goals.perGoal) put(cells, `goal:${goal}`, n, p.keys.goals.perGoal.get(goal));
  put(cells, 'goalContacts', p.goals.contacts, p.keys.goals.contacts);
  for (const [day, n] of p.daily) put(cells, `day:${day}`, n, p.keys.daily.get(day));
  flattenHours(cells, { counts: p.hourly, keys: p.keys.hourly });
  return cells;
}

export function flattenHourly(hours: KeyedHours): FlatCells {
  const cells: FlatCells = {};
  flattenHours(cells, hours);
  return cells;
}

/** Named differences of two flattened answers, count or key. */
export function cellDiff(expected: FlatCells, got: FlatCells): Record<string, { expected: unknown; got: unknown }> {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(got)])].sort();
  const out: Record<string, { expected: unknown; got: unknown }> = {};
  for (const name of names) {
    const e = expected[name] ?? { n: 0, key: 0 };
    const g = got[name] ?? { n: 0, key: 0 };
    if (e.n !== g.n || e.key !== g.key) out[name] = { expected: e, got: g };
  }
  return out;
}
