// The rollups' keys: which dimension a counting contact adds to, and under which integer key. Shared
// by the writers (rollup.ts, the bulk sums of an import) and by the reports that read the rollups
// back (cross keys split, topic sets listed), so both sides agree on one encoding.
import { ASKERS, CHANNELS, type Asker, type Channel } from '../base/enums';

/**
 * `topicset`: each contact once under the set of its topics (key: `topicSetKey`), so a report can count
 * contacts per SDG goal — once per goal, however many of the contact's topics carry it — from the
 * goals the catalog gives the topics *now*: a change of a topic's SDG tags needs no recount.
 * `referred`: each contact with at least one referral once (key 0); `referral` counts referrals named.
 */
export type Dimension = 'topic' | 'mention' | 'referral' | 'language' | 'channel' | 'asker' | 'desk' | 'theme' | 'cross' | 'topicset' | 'referred';

/** Cross-table keys pack topic and organisation into one integer. */
export const CROSS_FACTOR = 1_000_000;
export const crossKey = (topicId: number, organisationId: number) => topicId * CROSS_FACTOR + organisationId;
export const splitCrossKey = (key: number) => ({ topicId: Math.floor(key / CROSS_FACTOR), organisationId: key % CROSS_FACTOR });

/**
 * A contact's topics as one integer: the ids ascending, in base 2^17 (at most 3 topics, ids below
 * 131,072: below 2^51, exact in a JS number and a bigint column). Sorted, so the order the topics were
 * tapped in does not matter.
 */
export const TOPIC_SET_BASE = 131_072;
export const MAX_TOPICS_PER_CONTACT = 3;
export function topicSetKey(topicIds: readonly number[]): number {
  const sorted = [...new Set(topicIds)].sort((a, b) => a - b);
  if (sorted.length > MAX_TOPICS_PER_CONTACT || sorted.some((id) => !Number.isInteger(id) || id < 1 || id >= TOPIC_SET_BASE)) {
    throw new Error(`rollup: topics ${topicIds.join(', ')} do not fit a topic-set key`);
  }
  return sorted.reduce((key, id, i) => key + id * TOPIC_SET_BASE ** i, 0);
}
export function topicsOfSetKey(key: number): number[] {
  const ids: number[] = [];
  for (let rest = key; rest > 0; rest = Math.floor(rest / TOPIC_SET_BASE)) ids.push(rest % TOPIC_SET_BASE);
  return ids;
}

export const channelKey = (c: Channel) => CHANNELS.indexOf(c);
export const askerKey = (a: Asker) => ASKERS.indexOf(a);

/** What the rollups need to know about one counting contact. */
export interface RollupFacts {
  day: string;
  /**
   * The contact's record key (core/publication/cell-key.ts), added to `key_sum` beside each count. For a
   * batch of equal contacts counted at once (`applyToRollup` with delta N): the sum of their keys mod 2^32.
   */
  keySum: number;
  /** Null for a contact known by day only (an import without times): it counts everywhere but in rollup_hourly. */
  hour: number | null;
  weekday: number;
  topicIds: readonly number[]; // in order; the first is the contact's topic
  referralIds: readonly number[];
  languageId: number;
  channel: Channel;
  asker: Asker;
  deskId: number;
  themeDayId: number | null;
}

export function dimensionKeys(f: RollupFacts): [Dimension, number][] {
  const keys: [Dimension, number][] = [
    ['topic', f.topicIds[0]!],
    ...f.topicIds.map((t): [Dimension, number] => ['mention', t]),
    ...f.referralIds.map((o): [Dimension, number] => ['referral', o]),
    ['language', f.languageId],
    ['channel', channelKey(f.channel)],
    ['asker', askerKey(f.asker)],
    ['desk', f.deskId],
    ...f.topicIds.flatMap((t) => f.referralIds.map((o): [Dimension, number] => ['cross', crossKey(t, o)])),
    ['topicset', topicSetKey(f.topicIds)],
  ];
  if (f.referralIds.length > 0) keys.push(['referred', 0]);
  if (f.themeDayId !== null) keys.push(['theme', f.themeDayId]);
  return keys;
}
