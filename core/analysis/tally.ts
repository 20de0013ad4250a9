import { ASKERS, CHANNELS } from '../base/enums';
import { NO_HOUR } from './day-numbers';
import type { ContactColumns } from './contact-columns';

/** The arrays of a tally: counts in `Int32Array`s, key sums in `Uint32Array`s. */
interface TallyArrays<A> {
  firstTopic: A;
  mention: A;
  referral: A;
  language: A;
  channel: A;
  asker: A;
  desk: A;
  theme: A;
  /** Topic × organisation: index topic code × crossStride + organisation code. */
  cross: A;
  /** Contacts per goal 1–17 (index = goal): once per goal any of their topics carries. */
  sdg: A;
  perDay: A;
  /** (day − fromDay) × 24 + hour. */
  perDayHour: A;
}

const ARRAY_NAMES = ['firstTopic', 'mention', 'referral', 'language', 'channel', 'asker', 'desk', 'theme', 'cross', 'sdg', 'perDay', 'perDayHour'] as const;

/**
 * Beside each count of a tally, the sum of the counted contacts' record keys modulo 2^32: the cell keys
 * of publication mode (core/publication/cell-key.ts). A contact counted twice (mentions, the cross-table)
 * adds its key twice. The arrays are `Uint32Array`s, whose `+=` wraps modulo 2^32 by itself.
 */
export interface TallyKeys extends TallyArrays<Uint32Array> {
  total: number;
  timed: number;
  referred: number;
  sdgContacts: number;
}

/**
 * What a report counts of a set of contacts, by store code: every breakdown, the cross-table, the
 * SDG goals, and the contacts per day and per day and hour over the tally's days, each with its key
 * sum (`keys`). One pass over the selected rows fills it; tallies of disjoint days add up (`addTally`),
 * which is how whole months are cached and combined.
 */
export interface Tally extends TallyArrays<Int32Array> {
  fromDay: number;
  days: number;
  total: number;
  /** Contacts with a known hour (the heat map's total). */
  timed: number;
  referred: number;
  sdgContacts: number;
  crossStride: number;
  keys: TallyKeys;
}

/** Array lengths: the dictionaries' sizes when the tally is made. */
export interface TallySizes {
  topics: number;
  organisations: number;
  languages: number;
  desks: number;
  themeDays: number;
  crossStride: number;
}

/** The array lengths of a tally: the dictionaries' sizes and the days. */
function lengthsOf(sizes: TallySizes, days: number): Record<(typeof ARRAY_NAMES)[number], number> {
  return {
    firstTopic: sizes.topics,
    mention: sizes.topics,
    referral: sizes.organisations,
    language: sizes.languages,
    channel: CHANNELS.length,
    asker: ASKERS.length,
    desk: sizes.desks,
    theme: sizes.themeDays,
    cross: sizes.topics * sizes.crossStride,
    sdg: 18,
    perDay: days,
    perDayHour: days * 24,
  };
}

export function emptyTally(sizes: TallySizes, fromDay: number, days: number): Tally {
  const lengths = lengthsOf(sizes, days);
  const tally = { fromDay, days, total: 0, timed: 0, referred: 0, sdgContacts: 0, crossStride: sizes.crossStride } as Tally;
  const keys = { total: 0, timed: 0, referred: 0, sdgContacts: 0 } as TallyKeys;
  for (const name of ARRAY_NAMES) {
    tally[name] = new Int32Array(lengths[name]);
    keys[name] = new Uint32Array(lengths[name]);
  }
  tally.keys = keys;
  return tally;
}

/**
 * Counts the rows into a tally whose days include theirs. `goalMask[topicCode]` holds the goals the
 * topic carries as bits (bit g = goal g), from the catalog as it is now.
 */
export function tallyRows(cols: ContactColumns, rows: Int32Array, goalMask: Uint32Array, into: Tally): Tally {
  const { t0, t1, t2, ref, language, channel, asker, desk, theme, day, hour } = cols;
  const { firstTopic, mention, referral, cross, crossStride, sdg, perDay, perDayHour } = into;
  const { keys } = into;
  const key = cols.key;
  const firstTopicKey = keys.firstTopic;
  const mentionKey = keys.mention;
  const referralKey = keys.referral;
  const crossKey = keys.cross;
  const langKey = keys.language;
  const chanKey = keys.channel;
  const askKey = keys.asker;
  const dskKey = keys.desk;
  const thmKey = keys.theme;
  const sdgKey = keys.sdg;
  const perDayKey = keys.perDay;
  const perDayHourKey = keys.perDayHour;
  const lang = into.language;
  const chan = into.channel;
  const ask = into.asker;
  const dsk = into.desk;
  const thm = into.theme;
  const fromDay = into.fromDay;
  const slots = ref.length;
  let timed = 0;
  let referred = 0;
  let sdgContacts = 0;
  // Scalar key sums kept below 2^32 by `>>> 0` after each addition (two keys add up to less than 2^33).
  let totalKey = 0;
  let timedKey = 0;
  let referredKey = 0;
  let sdgContactsKey = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const k = key[row]!;
    const a = t0[row]!;
    const b = t1[row]!;
    const c = t2[row]!;
    totalKey = (totalKey + k) >>> 0;
    firstTopic[a]!++;
    firstTopicKey[a]! += k;
    mention[a]!++;
    mentionKey[a]! += k;
    if (b !== 0) {
      mention[b]!++;
      mentionKey[b]! += k;
    }
    if (c !== 0) {
      mention[c]!++;
      mentionKey[c]! += k;
    }
    if (ref[0]![row] !== 0) {
      referred++;
      referredKey = (referredKey + k) >>> 0;
      for (let s = 0; s < slots; s++) {
        const o = ref[s]![row]!;
        if (o === 0) break;
        referral[o]!++;
        referralKey[o]! += k;
        cross[a * crossStride + o]!++;
        crossKey[a * crossStride + o]! += k;
        if (b !== 0) {
          cross[b * crossStride + o]!++;
          crossKey[b * crossStride + o]! += k;
        }
        if (c !== 0) {
          cross[c * crossStride + o]!++;
          crossKey[c * crossStride + o]! += k;
        }
      }
    }
    const l = language[row]!;
    lang[l]!++;
    langKey[l]! += k;
    const ch = channel[row]!;
    chan[ch]!++;
    chanKey[ch]! += k;
    const as = asker[row]!;
    ask[as]!++;
    askKey[as]! += k;
    const ds = desk[row]!;
    dsk[ds]!++;
    dskKey[ds]! += k;
    const th = theme[row]!;
    thm[th]!++;
    thmKey[th]! += k;
    let goals = (goalMask[a] ?? 0) | (goalMask[b] ?? 0) | (goalMask[c] ?? 0);
    if (goals !== 0) {
      sdgContacts++;
      sdgContactsKey = (sdgContactsKey + k) >>> 0;
      while (goals !== 0) {
        const bit = 31 - Math.clz32(goals);
        sdg[bit]!++;
        sdgKey[bit]! += k;
        goals &= ~(1 << bit);
      }
    }
    const d = day[row]! - fromDay;
    perDay[d]!++;
    perDayKey[d]! += k;
    const h = hour[row]!;
    if (h !== NO_HOUR) {
      perDayHour[d * 24 + h]!++;
      perDayHourKey[d * 24 + h]! += k;
      timed++;
      timedKey = (timedKey + k) >>> 0;
    }
  }
  into.total += rows.length;
  into.timed += timed;
  into.referred += referred;
  into.sdgContacts += sdgContacts;
  keys.total = (keys.total + totalKey) >>> 0;
  keys.timed = (keys.timed + timedKey) >>> 0;
  keys.referred = (keys.referred + referredKey) >>> 0;
  keys.sdgContacts = (keys.sdgContacts + sdgContactsKey) >>> 0;
  return into;
}

/** Adds `part` into `into` from index `at` on; one function per array type, so each loop stays monomorphic. */
function addCounts(into: Int32Array, part: Int32Array, at: number) {
  const n = Math.min(part.length, into.length - at);
  for (let i = 0; i < n; i++) into[at + i]! += part[i]!;
}

/** The same for key sums, which wrap modulo 2^32 in their Uint32Arrays. */
function addKeySums(into: Uint32Array, part: Uint32Array, at: number) {
  const n = Math.min(part.length, into.length - at);
  for (let i = 0; i < n; i++) into[at + i]! += part[i]!;
}

/** Adds a tally of days inside `into`'s days (a cached month) to it, counts and key sums alike. */
export function addTally(into: Tally, part: Tally): Tally {
  if (part.crossStride !== into.crossStride) throw new Error('analysis: tallies with different cross strides cannot be added');
  into.total += part.total;
  into.timed += part.timed;
  into.referred += part.referred;
  into.sdgContacts += part.sdgContacts;
  for (const scalar of ['total', 'timed', 'referred', 'sdgContacts'] as const) into.keys[scalar] = (into.keys[scalar] + part.keys[scalar]) >>> 0;
  const offset = part.fromDay - into.fromDay;
  for (const name of ARRAY_NAMES) {
    const at = name === 'perDay' ? offset : name === 'perDayHour' ? offset * 24 : 0;
    addCounts(into[name], part[name], at);
    addKeySums(into.keys[name], part.keys[name], at);
  }
  return into;
}
