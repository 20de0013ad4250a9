import { ASKERS, CHANNELS } from '../base/enums';
import { NO_HOUR } from './day-numbers';
import type { ContactColumns } from './contact-columns';

/**
 * What a report counts of a set of contacts, by store code: every breakdown, the cross-table, the
 * SDG goals, and the contacts per day and per day and hour over the tally's days. One pass over the
 * selected rows fills it; tallies of disjoint days add up (`addTally`), which is how whole months
 * are cached and combined.
 */
export interface Tally {
  fromDay: number;
  days: number;
  total: number;
  /** Contacts with a known hour (the heat map's total). */
  timed: number;
  referred: number;
  sdgContacts: number;
  firstTopic: Int32Array;
  mention: Int32Array;
  referral: Int32Array;
  language: Int32Array;
  channel: Int32Array;
  asker: Int32Array;
  desk: Int32Array;
  theme: Int32Array;
  /** Topic × organisation: index topic code × crossStride + organisation code. */
  cross: Int32Array;
  crossStride: number;
  /** Contacts per goal 1–17 (index = goal): once per goal any of their topics carries. */
  sdg: Int32Array;
  perDay: Int32Array;
  /** (day − fromDay) × 24 + hour. */
  perDayHour: Int32Array;
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

export function emptyTally(sizes: TallySizes, fromDay: number, days: number): Tally {
  return {
    fromDay,
    days,
    total: 0,
    timed: 0,
    referred: 0,
    sdgContacts: 0,
    firstTopic: new Int32Array(sizes.topics),
    mention: new Int32Array(sizes.topics),
    referral: new Int32Array(sizes.organisations),
    language: new Int32Array(sizes.languages),
    channel: new Int32Array(CHANNELS.length),
    asker: new Int32Array(ASKERS.length),
    desk: new Int32Array(sizes.desks),
    theme: new Int32Array(sizes.themeDays),
    cross: new Int32Array(sizes.topics * sizes.crossStride),
    crossStride: sizes.crossStride,
    sdg: new Int32Array(18),
    perDay: new Int32Array(days),
    perDayHour: new Int32Array(days * 24),
  };
}

/**
 * Counts the rows into a tally whose days include theirs. `goalMask[topicCode]` holds the goals the
 * topic carries as bits (bit g = goal g), from the catalog as it is now.
 */
export function tallyRows(cols: ContactColumns, rows: Int32Array, goalMask: Uint32Array, into: Tally): Tally {
  const { t0, t1, t2, ref, language, channel, asker, desk, theme, day, hour } = cols;
  const { firstTopic, mention, referral, cross, crossStride, sdg, perDay, perDayHour } = into;
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
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const a = t0[row]!;
    const b = t1[row]!;
    const c = t2[row]!;
    firstTopic[a]!++;
    mention[a]!++;
    if (b !== 0) mention[b]!++;
    if (c !== 0) mention[c]!++;
    if (ref[0]![row] !== 0) {
      referred++;
      for (let s = 0; s < slots; s++) {
        const o = ref[s]![row]!;
        if (o === 0) break;
        referral[o]!++;
        cross[a * crossStride + o]!++;
        if (b !== 0) cross[b * crossStride + o]!++;
        if (c !== 0) cross[c * crossStride + o]!++;
      }
    }
    lang[language[row]!]!++;
    chan[channel[row]!]!++;
    ask[asker[row]!]!++;
    dsk[desk[row]!]!++;
    thm[theme[row]!]!++;
    let goals = (goalMask[a] ?? 0) | (goalMask[b] ?? 0) | (goalMask[c] ?? 0);
    if (goals !== 0) {
      sdgContacts++;
      while (goals !== 0) {
        const bit = 31 - Math.clz32(goals);
        sdg[bit]!++;
        goals &= ~(1 << bit);
      }
    }
    const d = day[row]! - fromDay;
    perDay[d]!++;
    const h = hour[row]!;
    if (h !== NO_HOUR) {
      perDayHour[d * 24 + h]!++;
      timed++;
    }
  }
  into.total += rows.length;
  into.timed += timed;
  into.referred += referred;
  into.sdgContacts += sdgContacts;
  return into;
}

const addInto = (into: Int32Array, part: Int32Array, at = 0) => {
  const n = Math.min(part.length, into.length - at);
  for (let i = 0; i < n; i++) into[at + i]! += part[i]!;
};

/** Adds a tally of days inside `into`'s days (a cached month) to it. */
export function addTally(into: Tally, part: Tally): Tally {
  into.total += part.total;
  into.timed += part.timed;
  into.referred += part.referred;
  into.sdgContacts += part.sdgContacts;
  for (const key of ['firstTopic', 'mention', 'referral', 'language', 'channel', 'asker', 'desk', 'theme', 'sdg'] as const) addInto(into[key], part[key]);
  if (part.crossStride === into.crossStride) addInto(into.cross, part.cross);
  else throw new Error('analysis: tallies with different cross strides cannot be added');
  const offset = part.fromDay - into.fromDay;
  addInto(into.perDay, part.perDay, offset);
  addInto(into.perDayHour, part.perDayHour, offset * 24);
  return into;
}
