import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { KEY_RANGE } from '../../core/publication/cell-key';
import { rebuildRollup } from '../../core/rollups/rollup';
import { CONTACTS_HEADER, csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { execute, queryRows, queryValue } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { openSecondCore } from '../support/second-core';
import { readWorkbook, sheetValues } from '../exports/xlsx-read';

/**
 * Record keys (publication mode's cell-key method, core/publication/cell-key.ts): every writer gives
 * each new contact (and each imported monthly count) its own random key, the rollups keep the key sums
 * beside their counts exactly through every kind of write, and no method ever hands a key out.
 */

let core: TempCore;
let catalog: Catalog;
const db = () => core.database.db;
const topic = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const organisation = (name: string) => catalog.organisations.find((o) => o.name === name)!.id;
const tap = (topicIds: number[], occurredAt: string, extra: Record<string, unknown> = {}) =>
  core.client.logContact({ topicIds, languageId: catalog.languages[0]!.id, channel: 'in_person', asker: 'citizen', occurredAt, ...extra });

const rollups = async () => ({
  hourly: await queryRows(db(), 'select day, hour, weekday, n, key_sum from rollup_hourly where n != 0 order by 1, 2'),
  daily: await queryRows(db(), 'select day, dimension, key, n, key_sum from rollup_daily where n != 0 order by 1, 2, 3'),
});

const mod = (sum: bigint) => Number(sum % BigInt(KEY_RANGE));

/**
 * The key sums a plain loop over the counting contacts expects, independent of both the incremental
 * upkeep and the SQL rebuild: per day (the `desk` rows together), per day and hour, and per day and
 * mentioned topic.
 */
async function expectedKeySums() {
  const contacts = await queryRows<{ id: number; local_day: string; local_hour: number; entry_kind: string; record_key: number }>(
    db(),
    'select id, local_day, local_hour, entry_kind, record_key from contacts where voided_at is null',
  );
  const mentions = await queryRows<{ contact_id: number; topic_id: number }>(
    db(),
    'select ct.contact_id, ct.topic_id from contact_topics ct join contacts c on c.id = ct.contact_id where c.voided_at is null',
  );
  const keyOf = new Map(contacts.map((c) => [Number(c.id), c]));
  const sums = new Map<string, bigint>();
  const add = (k: string, key: number) => sums.set(k, (sums.get(k) ?? 0n) + BigInt(key));
  for (const c of contacts) {
    add(`${c.local_day} day`, Number(c.record_key));
    if (c.entry_kind !== 'imported_day') add(`${c.local_day} hour ${c.local_hour}`, Number(c.record_key));
  }
  for (const m of mentions) {
    const c = keyOf.get(Number(m.contact_id))!;
    add(`${c.local_day} mention ${m.topic_id}`, Number(c.record_key));
  }
  return new Map([...sums].map(([k, v]) => [k, mod(v)]));
}

/** The same figures read from the rollups. */
async function storedKeySums() {
  const { hourly, daily } = await rollups();
  const sums = new Map<string, bigint>();
  const add = (k: string, key: number) => sums.set(k, (sums.get(k) ?? 0n) + BigInt(key));
  for (const r of daily) {
    if (r.dimension === 'desk') add(`${r.day} day`, Number(r.key_sum));
    if (r.dimension === 'mention') add(`${r.day} mention ${r.key}`, Number(r.key_sum));
  }
  for (const r of hourly) add(`${r.day} hour ${r.hour}`, Number(r.key_sum));
  return new Map([...sums].map(([k, v]) => [k, mod(v)]));
}

/** After a write: the kept rollups (counts and key sums) equal a full rebuild, and their key sums equal the plain loop's. */
async function expectKeySumsExact(after: string) {
  const kept = await rollups();
  expect(Object.fromEntries(await storedKeySums()), `${after}: key sums against the contacts' keys`).toEqual(Object.fromEntries(await expectedKeySums()));
  await db()
    .transaction()
    .execute((trx) => rebuildRollup(trx));
  expect(await rollups(), `${after}: kept rollups against a rebuild`).toEqual(kept);
}

const recordKeys = async () => (await queryRows<{ record_key: number }>(db(), 'select record_key from contacts order by id')).map((r) => Number(r.record_key));

describe('record keys and key sums', () => {
  beforeAll(async () => {
    core = await openTempCore(Date.parse('2026-03-10T09:30:00Z'));
    catalog = await core.client.getCatalog({});
  }, 60_000);
  afterAll(() => core.dispose());

  it('every kind of write keeps the rollups’ key sums exact: equal to a rebuild and to the sum of the counted contacts’ keys', async () => {
    const first = await tap([topic('Arbeit'), topic('Wohnen')], '2026-03-02T09:10:00Z', { referralIds: [organisation('Caritas')] });
    await tap([topic('Wohnen')], '2026-03-02T09:40:00Z');
    await expectKeySumsExact('taps');

    await tap([topic('Arbeit')], '2026-03-03T10:00:00Z', { count: 4, requestId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' });
    await expectKeySumsExact('a batch of 4');

    await core.client.amendContact({ contactId: first.contact.id, topicIds: [topic('Gesundheit')], languageId: catalog.languages[1]!.id });
    await expectKeySumsExact('an amendment');

    const voided = await tap([topic('Arbeit')], '2026-03-04T08:15:00Z');
    await core.client.voidContact({ contactId: voided.contact.id, reason: 'wrong_entry' });
    await expectKeySumsExact('a void');

    const undone = await tap([topic('Wohnen')], '2026-03-10T09:00:00Z', { count: 3, requestId: '7b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e' });
    await core.client.undoContact({ contactId: undone.contact.id });
    await expectKeySumsExact('an undone batch');

    const contacts = csvBytes([
      CONTACTS_HEADER,
      ['03.02.2026', '09:15', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', 'AMS Leibnitz'],
      // Two contacts in one hour and topic: the import's summed rollup rows add their keys.
      ['03.02.2026', '09:40', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', ''],
      ['04.02.2026', '14:05', 'Wohnen, Gesundheit', 'Telefon', 'Organisation', 'Englisch', 'Caritas, Volkshilfe'],
      ['05.02.2026', '', 'Wohnen', '', 'Bürger*in', 'de', ''],
      ['02.03.2026', '10:20', 'Wohnen', 'persönlich', 'Bürger*in', 'Deutsch', ''],
    ]);
    await core.client.commitImport(importInput('kontakte.csv', contacts));
    await expectKeySumsExact('an import of contacts');

    const monthly = csvBytes([MONTHLY_HEADER, ['2025-12', 'Arbeit', '40'], ['2025-12', 'Wohnen', '25'], ['2026-01', 'Arbeit', '30']]);
    await core.client.commitImport(importInput('monatswerte.csv', monthly));
    const imported = (await queryRows<{ record_key: number }>(db(), 'select record_key from imported_monthly')).map((r) => Number(r.record_key));
    expect(imported).toHaveLength(3);
    expect(new Set(imported).size).toBe(3);
    for (const key of imported) expect(Number.isInteger(key) && key >= 0 && key < KEY_RANGE).toBe(true);
    await expectKeySumsExact('an import of monthly counts');

    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topic('Gesundheit'), targetId: topic('Wohnen') });
    await core.client.mergeCatalogEntries({ kind: 'organisation', sourceId: organisation('Volkshilfe'), targetId: organisation('Caritas') });
    await expectKeySumsExact('merges of a topic and an organisation');

    // Mondays 9–11: the taps of 2 March (and the imported one at 10:20) are re-attributed to it.
    const saved = await core.client.saveThemeDay({
      themeDay: { title: 'Arbeitsmarkt', organisationId: null, kind: 'weekly', weekday: 1, startHour: 9, endHour: 11 },
    });
    expect(Number(await queryValue(db(), 'select count(*) from contacts where theme_day_id = ?', [saved.themeDay!.id]))).toBe(3);
    await expectKeySumsExact('a theme day over stored contacts');

    await core.client.updateSettings({ timeZone: 'Europe/London' });
    await expectKeySumsExact('a new time zone');

    // The checks above compared something: key sums that are not all 0.
    expect((await rollups()).daily.filter((r) => Number(r.key_sum) !== 0).length).toBeGreaterThan(10);
  });

  it('new contacts get distinct random keys, a batch one key per contact; a raw insert without one gets one too', async () => {
    const before = (await recordKeys()).length;
    await tap([topic('Arbeit')], '2026-03-05T09:00:00Z');
    await tap([topic('Arbeit')], '2026-03-05T09:00:00Z', { count: 5, requestId: '8c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f' });
    const keys = await recordKeys();
    expect(keys.length).toBe(before + 6);
    for (const key of keys) expect(Number.isInteger(key) && key >= 0 && key < KEY_RANGE).toBe(true);
    // 2^32 values: a repeat among a few dozen random keys has a chance below one in a million.
    expect(new Set(keys).size).toBe(keys.length);

    // A tool's raw insert that leaves the key out: a column default (PostgreSQL) or a trigger (SQLite) draws one.
    await execute(
      db(),
      `insert into contacts (occurred_at, entered_at, local_day, local_month, local_weekday, local_hour, channel, asker, language_id, desk_id, entry_kind)
       values (?, ?, '2026-03-06', '2026-03', 5, 9, 'phone', 'citizen', ?, ?, 'live')`,
      [Date.parse('2026-03-06T08:00:00Z'), core.clock.now, catalog.languages[0]!.id, catalog.desks[0]!.id],
    );
    const raw = Number(await queryValue(db(), "select record_key from contacts where local_day = '2026-03-06'"));
    expect(Number.isInteger(raw) && raw >= 0 && raw < KEY_RANGE).toBe(true);
    expect(new Set(await recordKeys()).size).toBe(keys.length + 1);
  });

  it('a topic merge that folds two imported monthly counts into one keeps their key sum', async () => {
    const monthly = csvBytes([MONTHLY_HEADER, ['2025-10', 'Arbeit', '12'], ['2025-10', 'Bildung', '7'], ['2025-11', 'Bildung', '3']]);
    await core.client.commitImport(importInput('monatswerte-herbst.csv', monthly));
    const monthKeys = async () => {
      const rows = await queryRows<{ month: string; count: number; record_key: number }>(
        db(),
        "select month, count, record_key from imported_monthly where month in ('2025-10', '2025-11')",
      );
      const sums = new Map<string, { n: number; key: bigint }>();
      for (const r of rows) {
        const seen = sums.get(r.month) ?? { n: 0, key: 0n };
        sums.set(r.month, { n: seen.n + Number(r.count), key: seen.key + BigInt(r.record_key) });
      }
      return Object.fromEntries([...sums].map(([month, { n, key }]) => [month, { n, key: mod(key) }]));
    };
    const before = await monthKeys();
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topic('Bildung'), targetId: topic('Arbeit') });
    // October's two rows became one: the same imported counts, so the same cell key.
    expect(Number(await queryValue(db(), "select count(*) from imported_monthly where month = '2025-10'"))).toBe(1);
    expect(await monthKeys()).toEqual(before);
  });

  it('a database whose rollups predate key sums (version 2) gets them when it is opened', async () => {
    // The raw insert above bypassed the rollups: recounted first, so that `rebuilt` is what a rebuild gives.
    await db()
      .transaction()
      .execute((trx) => rebuildRollup(trx));
    const rebuilt = await rollups();
    await execute(db(), 'update rollup_daily set key_sum = 0');
    await execute(db(), 'update rollup_hourly set key_sum = 0');
    await execute(db(), "update settings set value = '2' where key = 'rollupVersion'");
    const second = await openSecondCore(core);
    await second.close();
    expect(await queryValue(db(), "select value from settings where key = 'rollupVersion'")).toBe('3');
    expect(await rollups()).toEqual(rebuilt);
    expect(Object.fromEntries(await storedKeySums())).toEqual(Object.fromEntries(await expectedKeySums()));
  });

  it('no method hands out a record key: not the desk, the contact browser, corrections, reports or raw exports', async () => {
    const logged = await tap([topic('Wohnen')], '2026-03-09T11:00:00Z');
    const amended = await core.client.amendContact({ contactId: logged.contact.id, channel: 'phone' });
    const answers: [string, unknown][] = [
      ['logContact', logged],
      ['amendContact', amended],
      ['listDay', await core.client.listDay({ day: '2026-03-02' })],
      ['listContacts', await core.client.listContacts({ from: '2026-02-01', to: '2026-03-31', hideVoided: false, limit: 200 })],
      ['getReport', await core.client.getReport({ from: '2026-02-01', to: '2026-03-31' })],
      ['getReport published', await core.client.getReport({ from: '2026-02-01', to: '2026-03-31', publication: true })],
    ];
    const march = { from: '2026-02-01', to: '2026-03-31', publication: false };
    const csv = Buffer.from((await core.client.exportReport({ period: march, format: 'raw-csv' })).base64, 'base64').toString('utf8');
    const xlsx = await readWorkbook(Buffer.from((await core.client.exportReport({ period: march, format: 'raw-xlsx' })).base64, 'base64'));
    answers.push(['raw-csv', csv], ['raw-xlsx', xlsx.worksheets.map(sheetValues)]);

    // Keys of nine digits and more: smaller numbers (ids, counts) may turn up in an answer by chance.
    const keys = (await recordKeys()).filter((k) => k >= 1e8);
    expect(keys.length).toBeGreaterThan(10);
    for (const [method, answer] of answers) {
      const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
      expect(text, method).not.toMatch(/record_?key|key_?sum/i);
      const shown = keys.filter((k) => new RegExp(`(?<![0-9])${k}(?![0-9])`).test(text));
      expect(shown, method).toEqual([]);
    }
    expect(csv.split('\n').length).toBeGreaterThan(10);
  });
});
