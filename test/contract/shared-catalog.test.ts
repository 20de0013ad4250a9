import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Change, ChangeOrigin } from '../../core/base/changes';
import { touchesDay } from '../../core/base/changes';
import type { Catalog } from '../../core/catalog/catalog-types';
import { createCatalogCache } from '../../core/catalog/catalog-cache';
import { logContact } from '../../core/contacts/log-contact';
import { rebuildRollup } from '../../core/rollups/rollup';
import { attachSharedSwitch } from '../../core/sharing/sharing';
import { refusal } from '../support/refusal';
import { queryRows } from '../support/sql-rows';
import { openSecondCore, type SecondCore } from '../support/second-core';
import { openTempCore, type TempCore } from '../support/temp-core';

/**
 * Two cores on one database (one SQLite file, or one PostgreSQL database in the postgres project):
 * what two PCs are, each with its own catalog cache and change feed. What one changes, the other
 * must act on at its next call, without a restart.
 */

/** Tuesday 10 March 2026, 23:30 UTC: already Wednesday 00:30 in Vienna, still Tuesday 23:30 in London. */
const LATE_EVENING = Date.parse('2026-03-10T23:30:00Z');

let a: TempCore;
let b: SecondCore;

afterEach(async () => {
  await b?.close();
  await a?.dispose();
});

async function openPair(at?: number) {
  a = await openTempCore(at);
  b = await openSecondCore(a);
}

const topicNamed = (catalog: Catalog, labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const german = (catalog: Catalog) => catalog.languages.find((l) => l.code === 'de')!.id;
const tap = (catalog: Catalog, topicId: number) => ({
  topicIds: [topicId],
  referralIds: [],
  languageId: german(catalog),
  channel: 'in_person' as const,
  asker: 'citizen' as const,
});
/** The same as the core receives it after parsing, for calling `logContact` directly. */
const parsedTap = (catalog: Catalog, topicId: number) => ({ ...tap(catalog, topicId), count: 1 });

describe('two processes on one database: the catalog', () => {
  it('a topic retired on A is refused by B at its next tap; one added on A is accepted by B', async () => {
    await openPair();
    const catalog = await b.client.getCatalog({});
    const work = topicNamed(catalog, 'Arbeit');
    // B has read (and cached) the catalog, and taps with it.
    await b.deskClient.logContact(tap(catalog, work));

    await a.client.setCatalogEntryRetired({ kind: 'topic', id: work, retired: true });
    const refused = await refusal(b.deskClient.logContact(tap(catalog, work)));
    expect(refused.body).toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });

    const { entry } = await a.client.saveCatalogEntry({
      kind: 'topic',
      labelDe: 'Mietrecht',
      labelEn: 'Tenancy law',
      color: '#336699',
      hotkey: null,
      sdgs: [],
    });
    const logged = await b.deskClient.logContact(tap(catalog, entry.id));
    expect(logged.contact.topicIds).toEqual([entry.id]);
    expect((await b.client.getCatalog({})).topics.map((t) => t.id)).toContain(entry.id);
  });

  it("a topic renamed on A carries its new name in B's catalog and report", async () => {
    await openPair();
    const catalog = await b.client.getCatalog({});
    const work = catalog.topics.find((t) => t.labelDe === 'Arbeit')!;
    await b.deskClient.logContact(tap(catalog, work.id));
    const day = { from: '2026-03-10', to: '2026-03-10' };
    expect((await b.client.getReport(day)).byTopic.contacts.rows.find((r) => r.key === work.id)?.label.de).toBe('Arbeit');

    await a.client.saveCatalogEntry({
      kind: 'topic',
      id: work.id,
      labelDe: 'Arbeit und Beschäftigung',
      labelEn: 'Work',
      color: work.color,
      hotkey: work.hotkey,
      sdgs: work.sdgs,
    });
    // On SQLite B sees the file's new data version at once; on PostgreSQL the notice may arrive a moment after A's answer.
    await vi.waitFor(async () => expect((await b.client.getCatalog({})).topics.find((t) => t.id === work.id)?.labelDe).toBe('Arbeit und Beschäftigung'), {
      timeout: 15_000,
      interval: 50,
    });
    expect((await b.client.getReport(day)).byTopic.contacts.rows.find((r) => r.key === work.id)?.label).toEqual({ de: 'Arbeit und Beschäftigung', en: 'Work' });
  });

  it('a tap is judged by the catalog its own transaction sees, even when its process has not heard of the change yet', async () => {
    await openPair();
    const catalog = await b.client.getCatalog({});
    const work = topicNamed(catalog, 'Arbeit');
    // B's cache as it would be in the instant before a notice arrives: it trusts what it holds.
    const deaf = createCatalogCache(b.context.db, () => false);
    const context = { ...b.context, catalog: deaf };
    await logContact(context, parsedTap(catalog, work));

    await a.client.setCatalogEntryRetired({ kind: 'topic', id: work, retired: true });
    expect((await deaf.active()).topics.has(work)).toBe(true); // still the old catalog outside a transaction
    await expect(logContact(context, parsedTap(catalog, work))).rejects.toMatchObject({ code: 'invalid_input', field: 'topicIds.0' });

    const { entry } = await a.client.saveCatalogEntry({
      kind: 'topic',
      labelDe: 'Mietrecht',
      labelEn: 'Tenancy law',
      color: '#336699',
      hotkey: null,
      sdgs: [],
    });
    const deafAgain = createCatalogCache(b.context.db, () => false);
    await deafAgain.snapshot();
    await a.client.saveCatalogEntry({ kind: 'topic', labelDe: 'Pflege', labelEn: 'Care', color: '#663399', hotkey: null, sdgs: [] });
    const stored = await logContact({ ...b.context, catalog: deafAgain }, parsedTap(catalog, entry.id));
    expect(stored.contact.topicIds).toEqual([entry.id]);
  });
});

describe('two processes on one database: settings', () => {
  it("a new time zone set on A gives B's next tap the new local day and hour, and the rollups still equal a recount", async () => {
    await openPair(LATE_EVENING);
    const catalog = await b.client.getCatalog({});
    const work = topicNamed(catalog, 'Arbeit');
    const vienna = await b.deskClient.logContact(tap(catalog, work));
    expect([vienna.contact.localDay, vienna.contact.localTime]).toEqual(['2026-03-11', '00:30']);

    await a.client.updateSettings({ timeZone: 'Europe/London' });
    const london = await b.deskClient.logContact(tap(catalog, work));
    expect([london.contact.localDay, london.contact.localTime]).toEqual(['2026-03-10', '23:30']);
    expect(london.todayCount).toBe(2); // the first contact was moved to London's day by A's change

    const rollups = () => queryRows(b.database.db, 'select day, dimension, key, n, key_sum from rollup_daily where n <> 0 order by day, dimension, key');
    const incremental = await rollups();
    await b.database.db.transaction().execute((trx) => rebuildRollup(trx));
    expect(await rollups()).toEqual(incremental);
  });
});

describe('two processes on one database: the sharing switch', () => {
  it("flipped on A, B's LAN listener follows it: on, then off (ending B's pairing code)", async () => {
    await openPair();
    const applied: boolean[] = [];
    attachSharedSwitch(b.context, {
      apply: async (enabled) => void applied.push(enabled),
      status: () => ({ listening: applied.at(-1) === true, port: 4781, problem: null }),
    });
    await a.client.setSharing({ enabled: true });
    await vi.waitFor(() => expect(applied).toEqual([true]), { timeout: 15_000, interval: 50 });
    const code = await b.client.createPairingCode({});
    await a.client.setSharing({ enabled: false });
    await vi.waitFor(() => expect(applied).toEqual([true, false]), { timeout: 15_000, interval: 50 });
    expect((await refusal(b.deskClient.pairDevice({ code: code.code, name: 'Tablet' }))).body.code).toBe('forbidden');
    // A catalog change that leaves the switch alone changes nothing at B's listener.
    const catalog = await a.client.getCatalog({});
    await a.client.reorderCatalog({ kind: 'topic', ids: [...catalog.topics.map((t) => t.id)].reverse() });
    await a.client.setSharing({ enabled: true });
    await vi.waitFor(() => expect(applied).toEqual([true, false, true]), { timeout: 15_000, interval: 50 });
  });
});

describe('two processes on one database: live updates', () => {
  it("a tap on A is announced to B's screens as a remote change of its day; a catalog change as a catalog change", async () => {
    await openPair();
    const heard: { change: Change; origin: ChangeOrigin }[] = [];
    b.api.changes.subscribe((change, origin) => heard.push({ change, origin }));
    const catalog = await a.client.getCatalog({});
    const logged = await a.deskClient.logContact(tap(catalog, topicNamed(catalog, 'Arbeit')));

    // Heard through NOTIFY (PostgreSQL) or the file's data version (SQLite, looked at twice a second).
    await vi.waitFor(
      () =>
        expect(heard.some(({ change, origin }) => origin === 'remote' && change.kind === 'contacts' && touchesDay(change.days, logged.contact.localDay))).toBe(
          true,
        ),
      {
        timeout: 15_000,
        interval: 50,
      },
    );
    await a.client.reorderCatalog({ kind: 'topic', ids: [...catalog.topics.map((t) => t.id)].reverse() });
    await vi.waitFor(() => expect(heard.some(({ change, origin }) => origin === 'remote' && change.kind === 'catalog')).toBe(true), {
      timeout: 15_000,
      interval: 50,
    });
    // B never hears its own writes back as another's.
    const own = heard.length;
    await b.deskClient.logContact(tap(catalog, topicNamed(catalog, 'Arbeit')));
    expect(heard.slice(own).filter((h) => h.origin === 'local')).toHaveLength(1);
  });
});
