import { randomUUID } from 'node:crypto';
import type { Client } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import { seededRandom } from '../../core/demo/random';
import { csvBytes, importInput, MONTHLY_HEADER } from './import-files';
import { largeContactsCsv } from './large-import';

/**
 * A history for the filter and pivot property tests (issue 16), written through the real handlers
 * only: taps, backdated taps and "+N" batches over two years on two desks, several topics per contact,
 * referrals or none, many languages, theme days, a contacts list and monthly counts imported. Then one
 * function per kind of write the column store must follow.
 */

/** Tuesday 10 March 2026, 10:30 in Vienna: the test clock. */
export const HISTORY_NOW = Date.parse('2026-03-10T09:30:00Z');
export const HISTORY_OPENING = '2024-01-15';
const FIRST_LIVE = Date.parse('2024-03-01T07:00:00Z');

const CHANNELS = ['in_person', 'in_person', 'phone', 'email'] as const;
const ASKERS = ['citizen', 'citizen', 'citizen', 'organisation'] as const;

export type Random = () => number;
const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
function pickSome<T>(random: Random, xs: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(random() * (max - min + 1));
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

const active = <T extends { retired: boolean }>(xs: readonly T[]) => xs.filter((x) => !x.retired);

/** One tap's values, drawn from the active catalog; languages skewed as a desk's are. */
function tapValues(random: Random, catalog: Catalog) {
  const languages = active(catalog.languages);
  const language = random() < 0.45 ? languages[0]! : pick(random, languages.slice(0, 8));
  return {
    topicIds: pickSome(
      random,
      active(catalog.topics).map((t) => t.id),
      1,
      random() < 0.6 ? 1 : 3,
    ),
    referralIds:
      random() < 0.45
        ? []
        : pickSome(
            random,
            active(catalog.organisations).map((o) => o.id),
            1,
            2,
          ),
    languageId: language.id,
    channel: pick(random, CHANNELS),
    asker: pick(random, ASKERS),
    deskId: pick(random, active(catalog.desks)).id,
  };
}

/** A past instant between the first live day and an hour ago; a third on Wednesday afternoons (the theme day). */
function pastInstant(random: Random, now: number): string {
  let at = FIRST_LIVE + Math.floor(random() * (now - 3_600_000 - FIRST_LIVE));
  if (random() < 0.3) {
    const d = new Date(at);
    const toWednesday = (3 - (((d.getUTCDay() + 6) % 7) + 1) + 7) % 7;
    at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + toWednesday, 13 + Math.floor(random() * 3), Math.floor(random() * 60));
    if (at > now - 3_600_000) at -= 7 * 86_400_000;
  }
  return new Date(at).toISOString();
}

export async function logTaps(client: Client, random: Random, now: number, taps: number, { batchShare = 0.2 } = {}): Promise<number> {
  const catalog = await client.getCatalog({});
  let contacts = 0;
  for (let i = 0; i < taps; i++) {
    const count = random() < batchShare ? 2 + Math.floor(random() * 9) : 1;
    await client.logContact({
      ...tapValues(random, catalog),
      occurredAt: pastInstant(random, now),
      ...(count > 1 && { count, requestId: randomUUID() }),
    });
    contacts += count;
  }
  return contacts;
}

/** The seeded history: a few thousand contacts (the size depends on `taps`). */
export async function seedHistory(client: Client, { seed, now = HISTORY_NOW, taps = 900 }: { seed: number; now?: number; taps?: number }): Promise<void> {
  const random = seededRandom(seed);
  await client.updateSettings({ openingDate: HISTORY_OPENING });
  await client.saveCatalogEntry({ kind: 'desk', name: 'Zweigstelle Süd' });
  const catalog = await client.getCatalog({});
  const zebra = catalog.organisations.find((o) => o.name === 'ZEBRA')!.id;
  await client.saveThemeDay({
    themeDay: { title: 'Flucht und Migration', organisationId: zebra, kind: 'weekly', weekday: 3, startHour: 14, endHour: 17, validFrom: '2024-06-01' },
    dryRun: false,
  });
  await client.saveThemeDay({
    themeDay: { title: 'Pflegetag', organisationId: null, kind: 'single', day: '2025-05-14', startHour: 9, endHour: 12 },
    dryRun: false,
  });
  // Monthly counts from the tally before the app: the month the site opened in counts on its opening date.
  const monthly = [
    ['2023-11', 'Arbeit', '40'],
    ['2023-12', 'Wohnen', '25'],
    ['2024-01', 'Arbeit', '30'],
    ['2024-01', 'Gesundheit', '12'],
    ['2024-02', 'Gewaltschutz', '7'],
    ['2024-02', 'Bildung', '9'],
  ];
  await client.commitImport(importInput('monatlich.csv', csvBytes([MONTHLY_HEADER, ...monthly])));
  await client.commitImport(importInput('kontakte-2024.csv', largeContactsCsv(300, { from: '2024-03-01', days: 200, seed })));
  await logTaps(client, random, now, taps);
}

/** Ids of counting contacts, for amending and voiding. */
async function someContactIds(client: Client, random: Random, n: number): Promise<number[]> {
  const page = await client.listContacts({ from: '2024-03-01', to: '2026-03-10', hideVoided: true, limit: 200 });
  const older = await client.listContacts({ from: '2024-03-01', to: '2025-06-30', hideVoided: true, limit: 200 });
  const ids = [...page.contacts, ...older.contacts].filter((c) => c.entryKind !== 'batch').map((c) => c.id);
  return pickSome(random, [...new Set(ids)], n, n);
}

/** A kind of write the property tests replay, and what it does. */
export interface HistoryWrite {
  name: string;
  write(client: Client, random: Random, now: number): Promise<void>;
}

async function mergeTwo(client: Client, kind: 'topic' | 'organisation' | 'language') {
  const catalog = await client.getCatalog({});
  const list = kind === 'topic' ? catalog.topics : kind === 'organisation' ? catalog.organisations : catalog.languages;
  const live = active(list as { id: number; retired: boolean }[]);
  // The second and third active entries: both hold contacts in the seeded history.
  await client.mergeCatalogEntries({ kind, sourceId: live[2]!.id, targetId: live[1]!.id, dryRun: false });
}

export const HISTORY_WRITES: HistoryWrite[] = [
  { name: 'log', write: (client, random, now) => logTaps(client, random, now, 6, { batchShare: 0 }).then(() => undefined) },
  { name: 'batch (+N)', write: (client, random, now) => logTaps(client, random, now, 3, { batchShare: 1 }).then(() => undefined) },
  {
    name: 'amend (topics, referrals, language, channel, asker)',
    async write(client, random) {
      const catalog = await client.getCatalog({});
      const ids = await someContactIds(client, random, 10);
      const values = () => tapValues(random, catalog);
      const changes = [
        () => ({ topicIds: values().topicIds }),
        () => ({ referralIds: values().referralIds }),
        () => ({ referralIds: [] }),
        () => ({ languageId: pick(random, active(catalog.languages)).id }),
        () => ({ channel: pick(random, CHANNELS) }),
        () => ({ asker: pick(random, ASKERS) }),
        () => {
          const { deskId: _desk, ...all } = values();
          return all;
        },
      ];
      for (const [i, contactId] of ids.entries()) await client.amendContact({ contactId, ...changes[i % changes.length]!() });
    },
  },
  {
    name: 'void',
    async write(client, random) {
      for (const contactId of await someContactIds(client, random, 8)) await client.voidContact({ contactId, reason: 'wrong_entry' });
    },
  },
  {
    name: 'undo (a tap and a batch)',
    async write(client, random) {
      const catalog = await client.getCatalog({});
      const kept = await client.logContact(tapValues(random, catalog));
      const tap = await client.logContact(tapValues(random, catalog));
      const batch = await client.logContact({ ...tapValues(random, catalog), count: 5, requestId: randomUUID() });
      await client.undoContact({ contactId: tap.contact.id });
      await client.undoContact({ contactId: batch.contact.id });
      if (!kept.contact.id) throw new Error('no contact logged');
    },
  },
  {
    name: 'import (contacts and monthly counts)',
    async write(client, random) {
      const seed = 1000 + Math.floor(random() * 1_000_000);
      await client.commitImport(importInput(`kontakte-${seed}.csv`, largeContactsCsv(120, { from: '2025-02-01', days: 300, seed })));
      await client.commitImport(importInput(`monatlich-${seed}.csv`, csvBytes([MONTHLY_HEADER, ['2023-10', 'Pflege & Demenz', String(3 + (seed % 20))]])));
    },
  },
  {
    name: "a topic's SDG goals edited",
    async write(client) {
      const catalog = await client.getCatalog({});
      // The first active topic trades its goals for two others: the sdg filter and table follow the catalog now.
      const topic = active(catalog.topics)[0]!;
      await client.saveCatalogEntry({
        kind: 'topic',
        id: topic.id,
        labelDe: topic.labelDe,
        labelEn: topic.labelEn,
        color: topic.color,
        hotkey: topic.hotkey,
        sdgs: [2, 17],
      });
    },
  },
  { name: 'merge topic into topic', write: (client) => mergeTwo(client, 'topic') },
  { name: 'merge organisation into organisation', write: (client) => mergeTwo(client, 'organisation') },
  { name: 'merge language into language', write: (client) => mergeTwo(client, 'language') },
  {
    name: 'time-zone change',
    async write(client) {
      // +14 h: evening contacts move to the next day, hours and theme days follow.
      await client.updateSettings({ timeZone: 'Pacific/Kiritimati' });
    },
  },
  {
    name: 'theme-day change (edit a weekly one, add another)',
    async write(client) {
      const catalog = await client.getCatalog({});
      const weekly = catalog.themeDays.find((t) => t.kind === 'weekly' && !t.retired)!;
      await client.saveThemeDay({
        themeDay: {
          id: weekly.id,
          title: weekly.title,
          organisationId: weekly.organisationId,
          kind: 'weekly',
          weekday: 4,
          startHour: 2,
          endHour: 9,
          validFrom: '2024-09-01',
        },
        dryRun: false,
      });
      await client.saveThemeDay({
        themeDay: { title: 'Schuldenfreitag', organisationId: null, kind: 'weekly', weekday: 5, startHour: 0, endHour: 24, validFrom: '2025-01-01' },
        dryRun: false,
      });
    },
  },
];
