import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchesDay, type Change } from '../../core/base/changes';
import type { Client } from '../../core/api/contract';
import type { Catalog } from '../../core/catalog/catalog-types';
import { createHttpClient } from '../../renderer/api/http-transport';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { openEventStream } from '../support/event-stream';
import { refusal } from '../support/refusal';
import { createTestPostgresDatabase } from '../support/test-database';

/**
 * Issue 14, "several PCs, one truth", with real processes: two app processes (two PCs running
 * `npm start -- --browser`) on one PostgreSQL database, each with its own data folder, driven over
 * HTTP only. What A changes, B acts on without a restart; a tap on A is pushed to B's open pages.
 */

/** Generous against a busy 2-core machine: only arrival is asserted, never speed. */
const ARRIVAL_MS = 15_000;
/** Far from Vienna (+1/+2) at every instant of the year: a tap's local hour differs between the two. */
const FAR_ZONE = 'Pacific/Kiritimati';
const PIN = '482916';

interface Pc {
  app: AppProcess;
  dataDir: string;
  /** As the desk calls: no session. */
  desk: Client;
  /** With an unlocked management session (one PIN for all PCs: it lives in the database). */
  management: Client;
}

let database: { url: string; drop(): Promise<void> };
let a: Pc;
let b: Pc;

/** Starts a PC; the first sets the PIN, a later one only unlocks with it (it fails unless the PIN is already in the shared database). */
async function startPc(name: string, pin: 'set' | 'unlock'): Promise<Pc> {
  const dataDir = mkdtempSync(join(tmpdir(), `kontaktdesk-shared-${name}-`));
  // The URL travels in the environment, as a PC's service would set it (nothing in the process list).
  const app = await startAppProcess({ dataDir, env: { ...process.env, KONTAKTDESK_DATABASE_URL: database.url } });
  const desk = createHttpClient(app.url);
  const { session } = pin === 'set' ? await desk.setManagementPin({ pin: PIN }) : await desk.unlockManagement({ pin: PIN });
  return { app, dataDir, desk, management: createHttpClient(app.url, () => session) };
}

async function stopPc(pc: Pc | undefined) {
  if (!pc) return;
  await pc.app.stop();
  rmSync(pc.dataDir, { recursive: true, force: true });
}

beforeAll(async () => {
  database = await createTestPostgresDatabase();
  // One after the other: each start builds the renderer into the same folder.
  a = await startPc('a', 'set');
  b = await startPc('b', 'unlock');
}, 240_000);

afterAll(async () => {
  await stopPc(b);
  await stopPc(a);
  await database?.drop();
});

const german = (catalog: Catalog) => catalog.languages.find((l) => l.code === 'de')!.id;
const tap = (catalog: Catalog, topicId: number) => ({
  topicIds: [topicId],
  languageId: german(catalog),
  channel: 'in_person' as const,
  asker: 'citizen' as const,
});
const activeTopic = (catalog: Catalog, index: number) => catalog.topics.filter((t) => !t.retired)[index]!;

/** Day and "HH:MM" of an instant on the wall clock of `timeZone`, worked out here independently of the app. */
function wallClock(iso: string, timeZone: string): [string, string] {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(format.formatToParts(Date.parse(iso)).map((p) => [p.type, p.value]));
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
}

describe('two app processes on one PostgreSQL database', { timeout: 120_000 }, () => {
  it('both really share it: one database (and B was unlocked with the PIN set on A)', () => {
    expect(a.app.dataFile).toMatch(/^postgres:\/\//);
    expect(b.app.dataFile).toBe(a.app.dataFile);
  });

  it('a topic retired on A is refused by B at its next tap; one added on A is accepted by B', async () => {
    const catalog = await b.desk.getCatalog({});
    const topic = activeTopic(catalog, 0);
    // B has read (and cached) the catalog, and taps with it.
    await b.desk.logContact(tap(catalog, topic.id));

    await a.management.setCatalogEntryRetired({ kind: 'topic', id: topic.id, retired: true });
    const refused = await refusal(b.desk.logContact(tap(catalog, topic.id)));
    expect(refused.body).toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });

    const { entry } = await a.management.saveCatalogEntry({
      kind: 'topic',
      labelDe: 'Mietrecht',
      labelEn: 'Tenancy law',
      color: '#336699',
      hotkey: null,
      sdgs: [],
    });
    const logged = await b.desk.logContact(tap(catalog, entry.id));
    expect(logged.contact.topicIds).toEqual([entry.id]);
  });

  it("a topic renamed on A carries its new name in B's report", async () => {
    const catalog = await b.desk.getCatalog({});
    const topic = activeTopic(catalog, 1);
    const { contact } = await b.desk.logContact(tap(catalog, topic.id));
    const day = { from: contact.localDay, to: contact.localDay };
    const labelOnB = async () => (await b.management.getReport(day)).byTopic.contacts.rows.find((r) => r.key === topic.id)?.label;
    expect(await labelOnB()).toEqual({ de: topic.labelDe, en: topic.labelEn });

    await a.management.saveCatalogEntry({
      kind: 'topic',
      id: topic.id,
      labelDe: 'Existenzsicherung',
      labelEn: 'Livelihood',
      color: topic.color,
      hotkey: topic.hotkey,
      sdgs: topic.sdgs,
    });
    // B learns of the change through NOTIFY, which may still be on its way when the next call comes in.
    const renamed = { de: 'Existenzsicherung', en: 'Livelihood' };
    const first = await labelOnB();
    console.log(`B's first report after the rename on A already had the new name: ${JSON.stringify(first) === JSON.stringify(renamed)}`);
    await expect.poll(labelOnB, { timeout: ARRIVAL_MS, interval: 100 }).toEqual(renamed);
  });

  it("a new time zone set on A gives B's next tap the local day and hour of that zone", async () => {
    const catalog = await b.desk.getCatalog({});
    const topic = activeTopic(catalog, 2);
    const before = await b.desk.logContact(tap(catalog, topic.id));
    expect([before.contact.localDay, before.contact.localTime]).toEqual(wallClock(before.contact.occurredAt, 'Europe/Vienna'));

    await a.management.updateSettings({ timeZone: FAR_ZONE });
    try {
      const after = await b.desk.logContact(tap(catalog, topic.id));
      expect([after.contact.localDay, after.contact.localTime]).toEqual(wallClock(after.contact.occurredAt, FAR_ZONE));
      expect(after.contact.localTime).not.toBe(wallClock(after.contact.occurredAt, 'Europe/Vienna')[1]);
    } finally {
      await a.management.updateSettings({ timeZone: 'Europe/Vienna' });
    }
  });

  it("B's change stream announces a tap made on A, as a change of that tap's day", async () => {
    const stream = await openEventStream(b.app.url);
    expect(stream.status).toBe(200);
    const giveUp = setTimeout(() => stream.close(), ARRIVAL_MS);
    try {
      const catalog = await a.desk.getCatalog({});
      const sent = Date.now();
      const { contact } = await a.desk.logContact(tap(catalog, activeTopic(catalog, 3).id));
      const answered = Date.now();
      let heard: number | null = null;
      for (let data = await stream.nextData(); data !== null; data = await stream.nextData()) {
        const change = data as Change;
        if (change.kind === 'contacts' && touchesDay(change.days, contact.localDay)) {
          heard = Date.now();
          break;
        }
      }
      expect(heard, `no contacts change of ${contact.localDay} on B's stream within ${ARRIVAL_MS} ms`).not.toBeNull();
      console.log(`PostgreSQL, tap on A → event on B's /api/events: ${heard! - answered} ms after A answered the tap (${heard! - sent} ms after it was sent)`);
    } finally {
      clearTimeout(giveUp);
      stream.close();
    }
  });
});
