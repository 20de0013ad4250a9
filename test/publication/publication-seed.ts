import { vi } from 'vitest';
import type { Client } from '../../core/api/contract';
import { seededRandom, weightedPick } from '../../core/demo/random';
import { KEY_RANGE, rowFor } from '../../core/publication/cell-key';
import { CONTACTS_HEADER, csvBytes, importInput } from '../support/import-files';

/**
 * A seeded site for the publication tests: half a year of contacts (January–June 2026), imported
 * as a contacts list through the real handlers, with the rare topic of the issue planted exactly:
 * Gewaltschutz 6, 7, 2, 9, 8, 9 contacts a month (41 in all), one of them a Ukrainian speaker (May).
 * So the two attacks hold literally: January–February 13, the first quarter 15, March 2; and
 * over the half year 41 in all, 40 without the Ukrainian speakers.
 */

/** The test clock: Wednesday 15 July 2026, 11:30 in Vienna, after the seeded half year. */
export const SEED_NOW = Date.parse('2026-07-15T09:30:00Z');
export const SEED_OPENING = '2026-01-01';
export const SEED_FROM = '2026-01-01';
export const SEED_TO = '2026-06-30';
export const GEWALTSCHUTZ_BY_MONTH = [6, 7, 2, 9, 8, 9];

const TOPICS: [string, number][] = [
  ['Arbeit', 18],
  ['Wohnen', 15],
  ['Grundsicherung/Sozialhilfe', 14],
  ['Gesundheit', 12],
  ['Armut/Schulden', 10],
  ['Familie & Kinder', 9],
  ['Migration & Integration', 8],
  ['Pflege & Demenz', 5],
  ['Bildung', 4],
  ['Behörden & Formulare', 4],
  ['Freizeit & Begegnung', 1],
];
const LANGUAGES: [string, number][] = [
  ['Deutsch', 55],
  ['Englisch', 6],
  ['Kroatisch', 6],
  ['Türkisch', 6],
  ['Bosnisch', 5],
  ['Arabisch', 5],
  ['Serbisch', 4],
  ['Rumänisch', 4],
  ['Slowenisch', 3],
  ['Ungarisch', 2],
  ['Persisch (Farsi/Dari)', 2],
  ['Ukrainisch', 2],
  ['Russisch', 1],
];
const ORGANISATIONS: [string, number][] = [
  ['AMS Leibnitz', 20],
  ['BH Leibnitz', 15],
  ['Caritas', 15],
  ['Volkshilfe', 10],
  ['Schuldnerberatung', 10],
  ['ÖGK', 10],
  ['Pflegedrehscheibe', 6],
  ['ZEBRA', 6],
  ['Rotes Kreuz', 4],
  ['Frauen- und Mädchenberatung', 3],
  ['StoP – Stadt ohne Partnergewalt', 1],
];
const CHANNELS: [string, number][] = [
  ['persönlich', 60],
  ['Telefon', 30],
  ['E-Mail', 10],
];

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

/** The seeded rows of the contacts list: `contacts` random ones over the half year, then the planted Gewaltschutz ones. */
export function seededContactRows(contacts: number, seed: number): string[][] {
  const random = seededRandom(seed);
  const start = Date.parse(`${SEED_FROM}T00:00:00Z`);
  const days = Math.round((Date.parse(`${SEED_TO}T00:00:00Z`) - start) / DAY_MS) + 1;
  const day = (offset: number) => {
    const d = new Date(start + offset * DAY_MS);
    return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  };
  const time = () => `${pad(8 + Math.floor(random() * 10))}:${pad(Math.floor(random() * 60))}`;
  const rows: string[][] = [];
  for (let i = 0; i < contacts; i++) {
    const first = weightedPick(random, TOPICS);
    const second = random() < 0.35 ? weightedPick(random, TOPICS) : first;
    const referrals = random() < 0.55 ? [] : [weightedPick(random, ORGANISATIONS), ...(random() < 0.2 ? [weightedPick(random, ORGANISATIONS)] : [])];
    rows.push([
      day(Math.floor(random() * days)),
      time(),
      second === first ? first : `${first}, ${second}`,
      weightedPick(random, CHANNELS),
      random() < 0.9 ? 'Bürger*in' : 'Organisation',
      weightedPick(random, LANGUAGES),
      [...new Set(referrals)].join(', '),
    ]);
  }
  GEWALTSCHUTZ_BY_MONTH.forEach((n, m) => {
    for (let i = 0; i < n; i++) {
      const ukrainian = m === 4 && i === 3;
      rows.push([
        `${pad(3 + i * 3)}.${pad(m + 1)}.2026`,
        time(),
        'Gewaltschutz',
        i % 3 === 0 ? 'Telefon' : 'persönlich',
        'Bürger*in',
        ukrainian ? 'Ukrainisch' : 'Deutsch',
        i % 2 === 0 ? 'StoP – Stadt ohne Partnergewalt' : '',
      ]);
    }
  });
  return rows;
}

/**
 * Record keys from a seeded generator while `write` runs: the contacts' keys come from
 * `crypto.getRandomValues` (`newRecordKeys`), which this replaces for the moment, so that the
 * published figures, and the tests' outcome, are the same on every run.
 */
export async function withSeededRecordKeys<T>(seed: number, write: () => Promise<T>): Promise<{ result: T; keysDrawn: number }> {
  const random = seededRandom(seed);
  let keysDrawn = 0;
  const spy = vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<A extends ArrayBufferView | null>(array: A): A => {
    if (array instanceof Uint32Array) {
      for (let i = 0; i < array.length; i++) array[i] = Math.floor(random() * KEY_RANGE);
      keysDrawn += array.length;
    } else if (array) {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    }
    return array;
  });
  try {
    return { result: await write(), keysDrawn };
  } finally {
    spy.mockRestore();
  }
}

/** The seeded site: opening date, the contacts list imported with seeded record keys. Returns how many contacts it holds. */
export async function seedPublicationSite(client: Client, { contacts = 2000, seed = 17 }: { contacts?: number; seed?: number } = {}) {
  await client.updateSettings({ openingDate: SEED_OPENING });
  const rows = seededContactRows(contacts, seed);
  const { keysDrawn } = await withSeededRecordKeys(seed, () => client.commitImport(importInput('kontakte-2026.csv', csvBytes([CONTACTS_HEADER, ...rows]))));
  return { contacts: rows.length, keysDrawn };
}

/** True counts a published value can come from: those whose table row has the deviation `published − count`. */
export function possibleTrueCounts(published: number): number[] {
  const out: number[] = [];
  for (let t = Math.max(0, published - 2); t <= published + 2; t++) if (rowFor(t).some(([d]) => t + d === published)) out.push(t);
  return out;
}

/** Probability (exact, in 3600ths) that two cells of true counts `a` and `b` with independent keys get the same deviation. */
export function sameDeviationIn3600ths(a: number, b: number): number {
  const rowB = new Map(rowFor(b));
  return rowFor(a).reduce((s, [d, p]) => s + p * (rowB.get(d) ?? 0), 0);
}
