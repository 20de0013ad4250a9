import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANY_DAY, type Change } from '../../core/base/changes';
import type { Api } from '../../core/api/dispatch';
import type { Catalog } from '../../core/catalog/catalog-types';
import { createSwitchableApi } from '../../core/app/switchable-api';
import { createChangeFeed } from '../../core/live/change-feed';
import { CONTACTS_HEADER, csvBytes, importInput } from '../support/import-files';
import { refusal } from '../support/refusal';
import { queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { onPostgres } from '../support/test-database';

/** Tuesday 10 March 2026, 10:30 in Vienna. */
const TODAY = '2026-03-10';
const CATALOG: Change = { kind: 'catalog' };
const ANY_CONTACTS: Change = { kind: 'contacts', days: ANY_DAY };

let core: TempCore;
let catalog: Catalog;
let heard: Change[];
beforeEach(async () => {
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
  heard = [];
  core.api.changes.subscribe((change) => heard.push(change));
});
afterEach(() => core.dispose());

const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const tap = (extra: Record<string, unknown> = {}) =>
  core.deskClient.logContact({ topicIds: [topic('Arbeit')], languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen', ...extra });
const contactsOn = (...days: string[]): Change => ({ kind: 'contacts', days });

/**
 * Counting contacts as another connection sees them right now: a second SQLite connection (reads only
 * what is committed, synchronously), or on PostgreSQL a query sent at once on another pooled connection.
 */
function committedContacts(): Promise<number> {
  if (!onPostgres()) {
    const reader = new Database(core.file, { readonly: true });
    try {
      return Promise.resolve((reader.prepare('select count(*) n from contacts where voided_at is null').get() as { n: number }).n);
    } finally {
      reader.close();
    }
  }
  return queryValue(core.database.db, 'select count(*) n from contacts where voided_at is null').then(Number);
}

describe('the change feed: what every open screen hears', () => {
  it('a tap is announced with its local day only after it is committed, so a re-read finds it', async () => {
    const seenAtPublish: Promise<number>[] = [];
    core.api.changes.subscribe(() => seenAtPublish.push(committedContacts()));
    await tap();
    expect(heard).toEqual([contactsOn(TODAY)]);
    expect(await Promise.all(seenAtPublish)).toEqual([1]);
  });

  it('a back-dated tap names the earlier day, a batch is one change, and a retried tap is not announced again', async () => {
    await tap({ occurredAt: '2026-03-02T09:00:00Z' });
    const requestId = '5d0c1a2b-3c4d-4e5f-8a7b-9c0d1e2f3a4b';
    await tap({ requestId, count: 5 });
    expect((await tap({ requestId, count: 5 })).duplicate).toBe(true);
    expect(heard).toEqual([contactsOn('2026-03-02'), contactsOn(TODAY)]);
  });

  it('undo, amend and void each announce the contact’s day', async () => {
    const first = (await tap()).contact;
    const second = (await tap({ occurredAt: '2026-03-09T09:00:00Z' })).contact;
    heard.length = 0;
    await core.deskClient.undoContact({ contactId: first.id });
    await core.deskClient.amendContact({ contactId: second.id, channel: 'phone' });
    await core.deskClient.voidContact({ contactId: second.id, reason: 'duplicate' });
    expect(heard).toEqual([contactsOn(TODAY), contactsOn('2026-03-09'), contactsOn('2026-03-09')]);
  });

  it('a refused call announces nothing', async () => {
    const logged = (await tap()).contact;
    heard.length = 0;
    expect((await refusal(tap({ topicIds: [99_999] }))).body.code).toBe('invalid_input');
    await core.deskClient.voidContact({ contactId: logged.id, reason: 'duplicate' });
    expect((await refusal(core.deskClient.voidContact({ contactId: logged.id, reason: 'duplicate' }))).body.code).toBe('conflict');
    expect((await refusal(core.client.saveCatalogEntry({ kind: 'organisation', name: catalog.organisations[0]!.name }))).body.code).toBeDefined();
    expect(heard).toEqual([contactsOn(TODAY)]);
  });

  it('catalog edits, theme days and settings are announced as a catalog change; a dry run is not', async () => {
    const saved = await core.client.saveCatalogEntry({ kind: 'organisation', name: 'Mieterschutz' });
    await core.client.setCatalogEntryRetired({ kind: 'organisation', id: saved.entry.id, retired: true });
    await core.client.reorderCatalog({ kind: 'topic', ids: catalog.topics.map((t) => t.id).reverse() });
    const themeDay = { title: 'Flucht und Migration', organisationId: null, kind: 'weekly' as const, weekday: 3, startHour: 9, endHour: 12 };
    await core.client.saveThemeDay({ themeDay, dryRun: true });
    await core.client.saveThemeDay({ themeDay });
    await core.client.updateSettings({ siteName: 'Sozial-Info Graz', dryRun: true });
    await core.client.updateSettings({ siteName: 'Sozial-Info Graz' });
    expect(heard).toEqual([CATALOG, CATALOG, CATALOG, CATALOG, CATALOG]);
  });

  it('writes that may touch any day say so: a new time zone, a merge, an import', async () => {
    await tap();
    heard.length = 0;
    await core.client.updateSettings({ timeZone: 'Europe/London', dryRun: true });
    await core.client.updateSettings({ timeZone: 'Europe/London' });
    const [source, target] = catalog.topics;
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: source!.id, targetId: target!.id, dryRun: true });
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: source!.id, targetId: target!.id });
    const file = csvBytes([CONTACTS_HEADER, ['03.02.2026', '09:15', target!.labelDe, 'persönlich', 'Bürger*in', 'Deutsch', '']]);
    await core.client.commitImport(importInput('kontakte.csv', file));
    expect(heard).toEqual([CATALOG, ANY_CONTACTS, CATALOG, ANY_CONTACTS, ANY_CONTACTS]);
  });

  it('pairing and revoking a device are announced as a devices change', async () => {
    await core.client.setSharing({ enabled: true });
    const { code } = await core.client.createPairingCode({});
    const paired = await core.deskClient.pairDevice({ code, name: 'Tablet Café' });
    await core.client.revokeDevice({ id: paired.device.id });
    expect(heard).toEqual([{ kind: 'devices' }, { kind: 'devices' }]);
  });

  it('restoring a backup announces that everything may have changed (PostgreSQL refuses it, announcing nothing)', async () => {
    if (onPostgres()) {
      await refusal(core.client.restoreBackup({ file: 'kontaktdesk-2026-03-10T093000Z-manual.sqlite' }));
      expect(heard).toEqual([]);
      return;
    }
    const backup = await core.client.backupNow({});
    await tap();
    heard.length = 0;
    await core.client.restoreBackup({ file: backup.name, dryRun: true });
    await core.client.restoreBackup({ file: backup.name });
    expect(heard).toEqual([CATALOG, ANY_CONTACTS]);
  });

  it('a listener that throws neither fails the write nor keeps the others from hearing', async () => {
    const errors: unknown[] = [];
    const feed = createChangeFeed((err) => errors.push(err));
    const others: Change[] = [];
    feed.subscribe(() => {
      throw new Error('a closed window');
    });
    feed.subscribe((change) => others.push(change));
    feed.publish(CATALOG);
    expect(others).toEqual([CATALOG]);
    expect(errors).toHaveLength(1);

    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    core.api.changes.subscribe(() => {
      throw new Error('a closed window');
    });
    const logged = await tap();
    expect(logged.todayCount).toBe(1);
    expect(heard).toEqual([contactsOn(TODAY)]);
    expect(reported).toHaveBeenCalledTimes(1);
    reported.mockRestore();
  });
});

describe('the switchable api of a recovery', () => {
  const apiWith = (changes: Api['changes']) => ({ handlers: {}, gate: {}, changes }) as unknown as Api;

  it('keeps its subscribers across the switch, hears only the current api, and says everything changed', () => {
    const damaged = createChangeFeed();
    const restored = createChangeFeed();
    const { api, switchTo } = createSwitchableApi(apiWith(damaged));
    const got: Change[] = [];
    api.changes.subscribe((change) => got.push(change));
    damaged.publish(contactsOn('2026-03-01'));
    switchTo(apiWith(restored));
    damaged.publish(contactsOn('2026-03-02'));
    restored.publish(contactsOn('2026-03-03'));
    expect(got).toEqual([contactsOn('2026-03-01'), CATALOG, ANY_CONTACTS, contactsOn('2026-03-03')]);
  });
});
