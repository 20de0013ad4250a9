import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/api/client';
import type { Client, MethodInput } from '../../core/api/contract';
import type { ApiErrorCode } from '../../core/base/errors';
import { FUTURE_TOLERANCE_MS } from '../../core/base/limits';
import type { MethodName } from '../../core/base/method-names';
import type { Catalog } from '../../core/catalog/catalog-types';
import { databaseDump, type DatabaseDump } from '../support/database-dump';
import { queryValue } from '../support/sql-rows';
import { CONTACTS_HEADER, csvBytes, importInput } from '../support/import-files';
import { refusal } from '../support/refusal';
import { openTempCore, type TempCore } from '../support/temp-core';
import { TRANSPORTS, type OpenTransport } from './transports';

/**
 * A refused call, a retry answered from what is already stored and a dry run leave the database as it
 * was, byte for byte: compared as the external checks do, with the sqlite3 shell's full `.dump`
 * (`sqlite_sequence` included) and the bytes of the file and its WAL, or on PostgreSQL every row and
 * every sequence's position. `snapshotDatabase` (the other suites' check) sees neither counter.
 */

/** Tuesday 10 March 2026, 10:30 in Vienna; the fixture's "old" contact is entered two days before. */
const NOW = Date.parse('2026-03-10T09:30:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const PIN = '135790';

interface Fixture {
  catalog: Catalog;
  topic: number;
  secondTopic: number;
  organisation: number;
  language: number;
  desk: number;
  retired: { topic: number; organisation: number; themeDay: number };
  /** Merged into `organisation`. */
  mergedOrganisation: number;
  /** Entered two days ago: closed to the desk and to Undo. */
  oldContact: number;
  /** An id no contact, entry or device has. */
  unknownId: number;
  importedFile: MethodInput<'commitImport'>;
  /** The core's temp folder. */
  dir: string;
}

/** One call to make on a database in a given state; the arrangement runs before the "before" dump. */
interface Case {
  method: MethodName;
  case: string;
  /** Brings the database into the state the case needs, and returns the call. */
  arrange: (t: Tools) => Promise<() => Promise<unknown>>;
}
interface Refused extends Case {
  code: ApiErrorCode;
  field?: string;
  /** A wrong PIN: counted for every process on the database, the one row such a refusal writes. */
  countsWrongPin?: true;
}
interface Answered extends Case {
  /** What the call must answer (the call succeeds; it just must not write). */
  check: (result: any) => void;
}

interface Tools {
  f: Fixture;
  client: Client;
  /** The desk: no management session. */
  desk: Client;
  tap: (overrides?: Partial<MethodInput<'logContact'>>) => MethodInput<'logContact'>;
  /** A contact logged just now through the desk. */
  logged: (overrides?: Partial<MethodInput<'logContact'>>) => Promise<{ id: number; input: MethodInput<'logContact'> }>;
  setSharing: (enabled: boolean) => Promise<void>;
}

/**
 * The dump without the wrong-PIN back-off: its one row in the dump, and on SQLite the file's and WAL's
 * bytes, which that row's write changes (what else the dump holds is compared all the same).
 */
function withoutWrongPinCount(dump: DatabaseDump): unknown {
  if (dump.dialect === 'postgres') {
    const { wrong_pin_backoff: _, ...rows } = dump.rows;
    return { ...dump, rows };
  }
  return {
    dialect: dump.dialect,
    dump: dump.dump
      .split('\n')
      .filter((line) => !/^INSERT INTO "?wrong_pin_backoff\b/.test(line))
      .join('\n'),
  };
}

/** A case whose state the fixture already has. */
const call = (fn: (t: Tools) => Promise<unknown>) => async (t: Tools) => () => fn(t);

/** A topic group named `label` in both languages, holding the topics at these places of the catalog. */
const saveGroup = async (t: Tools, label: string, topicIds: number[], id?: number) =>
  (await t.client.saveCatalogEntry({ kind: 'topicGroup', ...(id === undefined ? {} : { id }), labelDe: label, labelEn: label, topicIds })).entry.id;
const topicAt = (t: Tools, i: number) => t.f.catalog.topics[i]!.id;

const REFUSED: Refused[] = [
  // logContact
  {
    method: 'logContact',
    case: 'the same request id again after Undo',
    arrange: async (t) => {
      const { id, input } = await t.logged({ requestId: randomUUID() });
      await t.desk.undoContact({ contactId: id });
      return () => t.desk.logContact(input);
    },
    code: 'conflict',
    field: 'requestId',
  },
  {
    method: 'logContact',
    case: 'the same batch again after Undo',
    arrange: async (t) => {
      const { id, input } = await t.logged({ requestId: randomUUID(), count: 7 });
      await t.desk.undoContact({ contactId: id + 3 });
      return () => t.desk.logContact(input);
    },
    code: 'conflict',
    field: 'requestId',
  },
  {
    method: 'logContact',
    case: 'a retired topic',
    arrange: call((t) => t.desk.logContact(t.tap({ requestId: randomUUID(), topicIds: [t.f.retired.topic] }))),
    code: 'invalid_input',
    field: 'topicIds.0',
  },
  {
    method: 'logContact',
    case: 'an unknown desk',
    arrange: call((t) => t.desk.logContact(t.tap({ deskId: t.f.unknownId }))),
    code: 'invalid_input',
    field: 'deskId',
  },
  {
    method: 'logContact',
    case: 'a time in the future',
    arrange: call((t) => t.desk.logContact(t.tap({ occurredAt: new Date(NOW + FUTURE_TOLERANCE_MS + 60_000).toISOString() }))),
    code: 'invalid_input',
    field: 'occurredAt',
  },

  // amendContact
  {
    method: 'amendContact',
    case: 'a contact that does not exist',
    arrange: call((t) => t.client.amendContact({ contactId: t.f.unknownId, asker: 'organisation' })),
    code: 'not_found',
    field: 'contactId',
  },
  {
    method: 'amendContact',
    case: 'a voided contact',
    arrange: async (t) => {
      const { id } = await t.logged();
      await t.client.voidContact({ contactId: id, reason: 'wrong_entry' });
      return () => t.client.amendContact({ contactId: id, asker: 'organisation' });
    },
    code: 'conflict',
    field: 'contactId',
  },
  {
    method: 'amendContact',
    case: 'new topics (rewritten first) with a retired referral',
    arrange: call((t) => t.client.amendContact({ contactId: t.f.oldContact, topicIds: [t.f.secondTopic], referralIds: [t.f.retired.organisation] })),
    code: 'invalid_input',
    field: 'referralIds.0',
  },
  {
    method: 'amendContact',
    case: "an earlier day's contact from the desk",
    arrange: call((t) => t.desk.amendContact({ contactId: t.f.oldContact, asker: 'organisation' })),
    code: 'locked',
    field: 'contactId',
  },

  // undoContact
  {
    method: 'undoContact',
    case: 'a contact that does not exist',
    arrange: call((t) => t.desk.undoContact({ contactId: t.f.unknownId })),
    code: 'not_found',
    field: 'contactId',
  },
  {
    method: 'undoContact',
    case: 'a contact undone already',
    arrange: async (t) => {
      const { id } = await t.logged();
      await t.desk.undoContact({ contactId: id });
      return () => t.desk.undoContact({ contactId: id });
    },
    code: 'not_found',
    field: 'contactId',
  },
  {
    method: 'undoContact',
    case: 'a voided contact',
    arrange: async (t) => {
      const { id } = await t.logged();
      await t.desk.voidContact({ contactId: id, reason: 'duplicate' });
      return () => t.desk.undoContact({ contactId: id });
    },
    code: 'conflict',
    field: 'contactId',
  },
  {
    method: 'undoContact',
    case: 'a contact past the undo window',
    arrange: call((t) => t.client.undoContact({ contactId: t.f.oldContact })),
    code: 'conflict',
    field: 'contactId',
  },

  // voidContact
  {
    method: 'voidContact',
    case: 'a contact that does not exist',
    arrange: call((t) => t.client.voidContact({ contactId: t.f.unknownId, reason: 'duplicate' })),
    code: 'not_found',
    field: 'contactId',
  },
  {
    method: 'voidContact',
    case: 'a contact voided already',
    arrange: async (t) => {
      const { id } = await t.logged();
      await t.desk.voidContact({ contactId: id, reason: 'duplicate' });
      return () => t.desk.voidContact({ contactId: id, reason: 'wrong_entry' });
    },
    code: 'conflict',
    field: 'contactId',
  },
  {
    method: 'voidContact',
    case: "an earlier day's contact from the desk",
    arrange: call((t) => t.desk.voidContact({ contactId: t.f.oldContact, reason: 'duplicate' })),
    code: 'locked',
    field: 'contactId',
  },

  // management PIN
  {
    method: 'unlockManagement',
    case: 'a wrong PIN',
    arrange: call((t) => t.desk.unlockManagement({ pin: '000000' })),
    code: 'forbidden',
    field: 'pin',
    countsWrongPin: true,
  },
  {
    method: 'setManagementPin',
    case: 'a change with a wrong current PIN',
    arrange: call((t) => t.client.setManagementPin({ pin: '246802', currentPin: '000000' })),
    code: 'forbidden',
    field: 'currentPin',
    countsWrongPin: true,
  },
  {
    method: 'setManagementPin',
    case: 'a change without the current PIN',
    arrange: call((t) => t.client.setManagementPin({ pin: '246802' })),
    code: 'invalid_input',
    field: 'currentPin',
  },

  // theme days
  {
    method: 'saveThemeDay',
    case: 'a theme day that does not exist',
    arrange: call((t) =>
      t.client.saveThemeDay({
        themeDay: { id: t.f.unknownId, title: 'X', organisationId: null, kind: 'single', day: '2026-03-20', startHour: 9, endHour: 12 },
      }),
    ),
    code: 'not_found',
    field: 'themeDay.id',
  },
  {
    method: 'saveThemeDay',
    case: 'a retired theme day',
    arrange: call((t) =>
      t.client.saveThemeDay({
        themeDay: { id: t.f.retired.themeDay, title: 'X', organisationId: null, kind: 'single', day: '2026-03-20', startHour: 9, endHour: 12 },
      }),
    ),
    code: 'conflict',
    field: 'themeDay.id',
  },
  {
    method: 'saveThemeDay',
    case: 'a retired organisation',
    arrange: call((t) =>
      t.client.saveThemeDay({
        themeDay: { title: 'X', organisationId: t.f.retired.organisation, kind: 'single', day: '2026-03-20', startHour: 9, endHour: 12 },
      }),
    ),
    code: 'invalid_input',
    field: 'themeDay.organisationId',
  },
  {
    method: 'retireThemeDay',
    case: 'a theme day retired already',
    arrange: call((t) => t.client.retireThemeDay({ id: t.f.retired.themeDay })),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'retireThemeDay',
    case: 'a theme day that does not exist',
    arrange: call((t) => t.client.retireThemeDay({ id: t.f.unknownId })),
    code: 'not_found',
    field: 'id',
  },

  // catalog
  {
    method: 'saveCatalogEntry',
    case: 'the name of an active organisation (other case)',
    arrange: call((t) => t.client.saveCatalogEntry({ kind: 'organisation', name: t.f.catalog.organisations[0]!.name.toLowerCase() })),
    code: 'invalid_input',
    field: 'name',
  },
  {
    method: 'saveCatalogEntry',
    case: 'the name of a retired organisation',
    arrange: call((t) =>
      t.client.saveCatalogEntry({ kind: 'organisation', name: t.f.catalog.organisations.find((o) => o.id === t.f.retired.organisation)!.name }),
    ),
    code: 'conflict',
    field: 'name',
  },
  {
    method: 'saveCatalogEntry',
    case: 'the hotkey of another active topic',
    arrange: call((t) =>
      t.client.saveCatalogEntry({
        kind: 'topic',
        labelDe: 'Schulden',
        labelEn: 'Debt',
        color: '#336699',
        hotkey: t.f.catalog.topics.find((x) => x.hotkey)!.hotkey!,
        sdgs: [],
      }),
    ),
    code: 'invalid_input',
    field: 'hotkey',
  },
  {
    method: 'saveCatalogEntry',
    case: 'an entry that was merged away',
    arrange: call((t) => t.client.saveCatalogEntry({ kind: 'organisation', id: t.f.mergedOrganisation, name: 'Neuer Name' })),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'saveCatalogEntry',
    case: 'an entry that does not exist',
    arrange: call((t) => t.client.saveCatalogEntry({ kind: 'desk', id: t.f.unknownId, name: 'Neuer Schalter' })),
    code: 'not_found',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'a topic retired already',
    arrange: call((t) => t.client.setCatalogEntryRetired({ kind: 'topic', id: t.f.retired.topic, retired: true })),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'the last active desk',
    arrange: call((t) => t.client.setCatalogEntryRetired({ kind: 'desk', id: t.f.desk, retired: true })),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'an entry merged away',
    arrange: call((t) => t.client.setCatalogEntryRetired({ kind: 'organisation', id: t.f.mergedOrganisation, retired: false })),
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'reorderCatalog',
    case: 'a list missing an entry',
    arrange: call((t) => t.client.reorderCatalog({ kind: 'desk', ids: [] })),
    code: 'invalid_input',
    field: 'ids',
  },
  {
    method: 'reorderCatalog',
    case: 'an unknown id',
    arrange: call((t) => t.client.reorderCatalog({ kind: 'topic', ids: [t.f.unknownId, ...t.f.catalog.topics.map((x) => x.id).reverse()] })),
    code: 'invalid_input',
    field: 'ids.0',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'into a retired target',
    arrange: call((t) => t.client.mergeCatalogEntries({ kind: 'organisation', sourceId: t.f.organisation, targetId: t.f.retired.organisation })),
    code: 'conflict',
    field: 'targetId',
  },
  {
    method: 'mergeCatalogEntries',
    case: 'a source merged already',
    arrange: call((t) => t.client.mergeCatalogEntries({ kind: 'organisation', sourceId: t.f.mergedOrganisation, targetId: t.f.organisation })),
    code: 'conflict',
    field: 'sourceId',
  },
  {
    method: 'saveCatalogEntry',
    case: 'a topic group taking a topic another active group holds',
    arrange: async (t) => {
      await saveGroup(t, 'Cluster A', [topicAt(t, 2)]);
      return () => saveGroup(t, 'Cluster B', [topicAt(t, 3), topicAt(t, 2)]);
    },
    code: 'invalid_input',
    field: 'topicIds.1',
  },
  {
    method: 'saveCatalogEntry',
    case: 'a topic group with a topic that does not exist',
    arrange: call((t) => saveGroup(t, 'Cluster C', [topicAt(t, 4), t.f.unknownId])),
    code: 'not_found',
    field: 'topicIds.1',
  },
  {
    method: 'setCatalogEntryRetired',
    case: 'reactivating a topic group whose topic another active group holds now',
    arrange: async (t) => {
      const retired = await saveGroup(t, 'Cluster D', [topicAt(t, 5)]);
      await t.client.setCatalogEntryRetired({ kind: 'topicGroup', id: retired, retired: true });
      await saveGroup(t, 'Cluster E', [topicAt(t, 5)]);
      return () => t.client.setCatalogEntryRetired({ kind: 'topicGroup', id: retired, retired: false });
    },
    code: 'conflict',
    field: 'id',
  },

  // settings, import, sharing, devices
  {
    method: 'updateSettings',
    case: 'a backup folder that is not there',
    arrange: call((t) => t.client.updateSettings({ backupFolder: join(t.f.dir, 'nowhere', 'at-all') })),
    code: 'invalid_input',
    field: 'backupFolder',
  },
  {
    method: 'commitImport',
    case: 'the same file a second time',
    arrange: call((t) => t.client.commitImport(t.f.importedFile)),
    code: 'conflict',
    field: 'contentBase64',
  },
  {
    method: 'createPairingCode',
    case: 'sharing switched off',
    arrange: async (t) => {
      await t.setSharing(false);
      return () => t.client.createPairingCode({});
    },
    code: 'conflict',
  },
  {
    method: 'pairDevice',
    case: 'a wrong code',
    arrange: async (t) => {
      await t.setSharing(true);
      return () => t.desk.pairDevice({ code: '000000', name: 'Tablet' });
    },
    code: 'forbidden',
    field: 'code',
  },
  {
    method: 'revokeDevice',
    case: 'a device revoked already',
    arrange: async (t) => {
      await t.setSharing(true);
      const { device } = await t.desk.pairDevice({ code: (await t.client.createPairingCode({})).code, name: 'Alter Laptop' });
      await t.client.revokeDevice({ id: device.id });
      return () => t.client.revokeDevice({ id: device.id });
    },
    code: 'conflict',
    field: 'id',
  },
  {
    method: 'revokeDevice',
    case: 'a device that does not exist',
    arrange: call((t) => t.client.revokeDevice({ id: t.f.unknownId })),
    code: 'not_found',
    field: 'id',
  },
];

/** Calls that succeed without anything to write: a retry answered from the stored contact, a dry run. */
const ANSWERED: Answered[] = [
  {
    method: 'logContact',
    case: 'a plain retry of a stored tap',
    arrange: async (t) => {
      const input = t.tap({ requestId: randomUUID() });
      await t.desk.logContact(input);
      return () => t.desk.logContact(input);
    },
    check: (r) => expect(r).toMatchObject({ duplicate: true, count: 1 }),
  },
  {
    method: 'logContact',
    case: 'a retry of a batch',
    arrange: async (t) => {
      const input = t.tap({ requestId: randomUUID(), count: 12 });
      await t.desk.logContact(input);
      return () => t.desk.logContact(input);
    },
    check: (r) => expect(r).toMatchObject({ duplicate: true, count: 12, contact: { entryKind: 'batch' } }),
  },
  {
    method: 'logContact',
    case: 'a retry of a tap whose topic was retired since',
    arrange: async (t) => {
      const { id: topic } = (
        await t.client.saveCatalogEntry({
          kind: 'topic',
          labelDe: `Kurzlebig ${randomUUID().slice(0, 8)}`,
          labelEn: 'Short-lived',
          color: '#663399',
          hotkey: null,
          sdgs: [],
        })
      ).entry;
      const input = t.tap({ requestId: randomUUID(), topicIds: [topic] });
      await t.desk.logContact(input);
      await t.client.setCatalogEntryRetired({ kind: 'topic', id: topic, retired: true });
      return () => t.desk.logContact(input);
    },
    check: (r) => expect(r).toMatchObject({ duplicate: true, count: 1 }),
  },
  {
    method: 'saveThemeDay',
    case: 'a dry run of a new theme day',
    arrange: call((t) =>
      t.client.saveThemeDay({ themeDay: { title: 'Probe', organisationId: null, kind: 'single', day: '2026-03-10', startHour: 9, endHour: 12 }, dryRun: true }),
    ),
    check: (r) => expect(r).toMatchObject({ dryRun: true, reattributed: expect.any(Number) }),
  },
  {
    method: 'saveThemeDay',
    case: 'a dry run of a change to a theme day',
    arrange: async (t) => {
      const { themeDay } = await t.client.saveThemeDay({
        themeDay: { title: 'Mietrecht', organisationId: null, kind: 'weekly', weekday: 2, startHour: 9, endHour: 12 },
      });
      return () =>
        t.client.saveThemeDay({
          themeDay: { id: themeDay!.id, title: 'Mietrecht', organisationId: null, kind: 'weekly', weekday: 2, startHour: 8, endHour: 13 },
          dryRun: true,
        });
    },
    check: (r) => expect(r).toMatchObject({ dryRun: true, themeDay: { startHour: 8, endHour: 13 } }),
  },
  {
    method: 'retireThemeDay',
    case: 'a dry run',
    arrange: async (t) => {
      const { themeDay } = await t.client.saveThemeDay({
        themeDay: { title: 'Bleibt', organisationId: null, kind: 'weekly', weekday: 3, startHour: 9, endHour: 12 },
      });
      return () => t.client.retireThemeDay({ id: themeDay!.id, dryRun: true });
    },
    check: (r) => expect(r).toMatchObject({ dryRun: true }),
  },
  {
    method: 'mergeCatalogEntries',
    case: 'a dry run',
    arrange: call((t) => t.client.mergeCatalogEntries({ kind: 'topic', sourceId: t.f.secondTopic, targetId: t.f.topic, dryRun: true })),
    check: (r) => expect(r).toMatchObject({ dryRun: true }),
  },
  {
    method: 'mergeCatalogEntries',
    case: 'a dry run of merging topic groups',
    arrange: async (t) => {
      const source = await saveGroup(t, 'Cluster F', [topicAt(t, 6), topicAt(t, 7)]);
      const target = await saveGroup(t, 'Cluster G', [topicAt(t, 8)]);
      return () => t.client.mergeCatalogEntries({ kind: 'topicGroup', sourceId: source, targetId: target, dryRun: true });
    },
    check: (r) => expect(r).toMatchObject({ dryRun: true, otherRows: 2, contacts: 0 }),
  },
  {
    method: 'updateSettings',
    case: 'a dry run of a new time zone',
    arrange: call((t) => t.client.updateSettings({ timeZone: 'America/New_York', dryRun: true })),
    check: (r) => expect(r).toMatchObject({ dryRun: true, timeZoneShift: { to: 'America/New_York' } }),
  },
  {
    method: 'setSharing',
    case: 'switching to what it is already',
    arrange: async (t) => {
      await t.setSharing(true);
      return () => t.client.setSharing({ enabled: true });
    },
    check: (r) => expect(r).toMatchObject({ enabled: true }),
  },
];

/** `old`: a contact entered two days before "now" (the desk may no longer correct it, Undo is long closed). */
async function buildFixture(core: TempCore, client: Client, old: number): Promise<Fixture> {
  const catalog = await client.getCatalog({});
  const [topic, secondTopic] = catalog.topics;

  const retiredTopic = catalog.topics.at(-1)!.id;
  const retiredOrganisation = catalog.organisations.at(-1)!.id;
  await client.setCatalogEntryRetired({ kind: 'topic', id: retiredTopic, retired: true });
  await client.setCatalogEntryRetired({ kind: 'organisation', id: retiredOrganisation, retired: true });
  const merged = (await client.saveCatalogEntry({ kind: 'organisation', name: 'Bald zusammengelegt' })).entry.id;
  await client.mergeCatalogEntries({ kind: 'organisation', sourceId: merged, targetId: catalog.organisations[0]!.id });
  const { themeDay } = await client.saveThemeDay({
    themeDay: { title: 'Vorbei', organisationId: null, kind: 'single', day: '2026-01-13', startHour: 9, endHour: 12 },
  });
  await client.retireThemeDay({ id: themeDay!.id });
  const importedFile = importInput(
    'kontakte.csv',
    csvBytes([CONTACTS_HEADER, ['03.02.2026', '09:15', topic!.labelDe, 'persönlich', 'Bürger*in', 'Deutsch', '']]),
  );
  await client.commitImport(importedFile);

  const ids = [...catalog.topics, ...catalog.organisations, ...catalog.languages, ...catalog.desks].map((e) => e.id);
  return {
    catalog: await client.getCatalog({}),
    topic: topic!.id,
    secondTopic: secondTopic!.id,
    organisation: catalog.organisations[0]!.id,
    language: catalog.languages[0]!.id,
    desk: catalog.desks[0]!.id,
    retired: { topic: retiredTopic, organisation: retiredOrganisation, themeDay: themeDay!.id },
    mergedOrganisation: merged,
    oldContact: old,
    unknownId: Math.max(...ids, merged, old) + 100_000,
    importedFile,
    dir: core.dir,
  };
}

for (const transportUnderTest of TRANSPORTS) {
  describe(`refusals, retries and dry runs write nothing, over ${transportUnderTest.name}`, () => {
    let core: TempCore;
    let open: OpenTransport;
    let session: string | undefined;
    let t: Tools;

    beforeAll(async () => {
      core = await openTempCore(NOW - 2 * DAY_MS);
      const catalog = await core.client.getCatalog({});
      const old = await core.deskClient.logContact({
        topicIds: [catalog.topics[0]!.id],
        languageId: catalog.languages[0]!.id,
        channel: 'in_person',
        asker: 'citizen',
      });
      core.clock.advance(2 * DAY_MS);
      session = await core.context.gate.open();
      open = await transportUnderTest.open(core.api, () => session);
      const client = open.client;
      session = (await client.setManagementPin({ pin: PIN })).session;
      const f = await buildFixture(core, client, old.contact.id);
      const desk = createClient(open.transport);
      const tap = (overrides: Partial<MethodInput<'logContact'>> = {}): MethodInput<'logContact'> => ({
        topicIds: [f.topic],
        referralIds: [f.organisation],
        languageId: f.language,
        channel: 'phone',
        asker: 'citizen',
        ...overrides,
      });
      t = {
        f,
        client,
        desk,
        tap,
        async logged(overrides = {}) {
          const input = tap(overrides);
          return { id: (await desk.logContact(input)).contact.id, input };
        },
        async setSharing(enabled) {
          if ((await client.getSharing({})).enabled !== enabled) await client.setSharing({ enabled });
        },
      };
    });

    afterAll(async () => {
      await open?.close();
      await core?.dispose();
    });

    it.each(REFUSED.filter((row) => !row.countsWrongPin))('$method refuses $case and the database stays byte for byte the same', async (row) => {
      const attempt = await row.arrange(t);
      const before = await databaseDump(core);
      const err = await refusal(attempt());
      expect(err.body).toMatchObject({ code: row.code, ...(row.field !== undefined && { field: row.field }) });
      expect(await databaseDump(core)).toEqual(before);
    });

    it.each(REFUSED.filter((row) => row.countsWrongPin))('$method refuses $case and writes nothing but the wrong-PIN count', async (row) => {
      const attempt = await row.arrange(t);
      const before = await databaseDump(core);
      const failures = () => queryValue<number>(core.database.db, 'select failures from wrong_pin_backoff where id = 1');
      const counted = await failures();
      const err = await refusal(attempt());
      expect(err.body).toMatchObject({ code: row.code, field: row.field });
      expect(withoutWrongPinCount(await databaseDump(core))).toEqual(withoutWrongPinCount(before));
      expect(await failures()).toBe(counted! + 1);
    });

    it.each(ANSWERED)('$method answers $case and the database stays byte for byte the same', async (row) => {
      const attempt = await row.arrange(t);
      const before = await databaseDump(core);
      row.check(await attempt());
      expect(await databaseDump(core)).toEqual(before);
    });

    it('a tap is logged, undone, and sent again: 409, and nothing moved, not even the id counter; the next tap takes the next id', async () => {
      const input = t.tap({ requestId: randomUUID() });
      const first = await t.desk.logContact(input);
      await t.desk.undoContact({ contactId: first.contact.id });
      const before = await databaseDump(core);
      for (let i = 0; i < 3; i++) expect((await refusal(t.desk.logContact(input))).body).toMatchObject({ code: 'conflict', field: 'requestId' });
      expect(await databaseDump(core)).toEqual(before);
      expect((await t.desk.logContact(t.tap())).contact.id).toBe(first.contact.id + 1);
    });

    it('a retried tap and a retried batch answer with the stored contact, and the next tap takes the next id', async () => {
      const single = t.tap({ requestId: randomUUID() });
      const batch = t.tap({ requestId: randomUUID(), count: 5, topicIds: [t.f.secondTopic, t.f.topic] });
      const firstSingle = await t.desk.logContact(single);
      const firstBatch = await t.desk.logContact(batch);
      const before = await databaseDump(core);
      const retries = [await t.desk.logContact(single), await t.desk.logContact(batch), await t.desk.logContact(single)];
      expect(retries.map((r) => [r.contact, r.count, r.duplicate])).toEqual([
        [firstSingle.contact, 1, true],
        [firstBatch.contact, 5, true],
        [firstSingle.contact, 1, true],
      ]);
      expect(await databaseDump(core)).toEqual(before);
      expect((await t.desk.logContact(t.tap())).contact.id).toBe(firstBatch.contact.id + 5);
    });

    it('the checks above see a write: a tap changes the dump', async () => {
      const before = await databaseDump(core);
      await t.desk.logContact(t.tap());
      expect(await databaseDump(core)).not.toEqual(before);
    });
  });
}
