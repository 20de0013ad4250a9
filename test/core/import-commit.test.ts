import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { rebuildRollup } from '../../core/rollups/rollup';
import { snapshotDatabase } from '../support/db-snapshot';
import { CONTACTS_HEADER, csvBytes, importInput, MONTHLY_HEADER } from '../support/import-files';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { refusal } from '../support/refusal';

let core: TempCore;
let catalog: Catalog;
const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const rows = (sql: string) => queryRows(core.database.db, sql);
const rollups = async () => ({
  daily: await rows('select day, dimension, key, n, key_sum from rollup_daily where n <> 0 order by day, dimension, key'),
  hourly: await rows('select day, hour, weekday, n, key_sum from rollup_hourly where n <> 0 order by day, hour'),
});

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna.
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
});
afterEach(() => core.dispose());

const contacts = csvBytes([
  CONTACTS_HEADER,
  ['03.02.2026', '09:15', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', 'AMS Leibnitz'],
  ['04.02.2026', '14:05', 'Wohnen, Gesundheit', 'Telefon', 'Organisation', 'Englisch', 'Caritas, Volkshilfe'],
  ['05.02.2026', '', 'Wohnen', '', 'Bürger*in', 'de', ''],
  ['28.02.2026', '11:00', 'Schulden', 'E-Mail', 'Bürger*in', 'Deutsch', 'Schuldnerberatung'],
]);

const monthly = csvBytes([
  MONTHLY_HEADER,
  ['2025-12', 'Arbeit', '40'],
  ['2025-12', 'Wohnen', '25'],
  ['2026-01', 'Arbeit', '30'],
  ['2026-01', 'Schulden', '5'],
  ['2026-01', 'Armut', '7'],
]);

describe('import: preview, mapping and commit', () => {
  it('an unknown name is listed with suggestions, refused without a mapping, and imported under the entry it is mapped to', async () => {
    const before = await snapshotDatabase(core.database.db);
    const preview = await core.client.previewImport(importInput('kontakte.csv', contacts));
    expect(preview.ready).toBe(false);
    expect(preview.total).toBe(3); // the row naming "Schulden" waits for its mapping
    expect(preview.unknownNames).toEqual([
      {
        kind: 'topic',
        name: 'Schulden',
        rows: 1,
        firstLine: 5,
        targetId: null,
        suggestions: [expect.objectContaining({ id: topicId('Armut/Schulden'), label: 'Armut/Schulden' })],
      },
    ]);
    const err = await refusal(core.client.commitImport(importInput('kontakte.csv', contacts)));
    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'mapping' });
    expect(err.body.message).toContain('unknown topic "Schulden" (line 5)');
    expect(await snapshotDatabase(core.database.db)).toEqual(before);

    const mapping = [{ kind: 'topic' as const, name: 'schulden', targetId: topicId('Armut/Schulden') }];
    const mapped = await core.client.previewImport(importInput('kontakte.csv', contacts, mapping));
    expect(mapped).toMatchObject({ ready: true, total: 4, unknownNames: [{ name: 'Schulden', targetId: topicId('Armut/Schulden') }] });
    expect(await snapshotDatabase(core.database.db)).toEqual(before);

    const result = await core.client.commitImport(importInput('kontakte.csv', contacts, mapping));
    expect(result).toMatchObject({ layout: 'contacts', rows: 4, contacts: 4, range: { from: '2026-02-03', to: '2026-02-28' } });
    // One row per contact with its topics in their order, joined here (SQLite's group_concat has no PostgreSQL twin).
    const links = await rows(`select c.id, c.local_day, c.local_hour, c.entry_kind, c.channel, c.asker, ct.topic_id
      from contacts c join contact_topics ct on ct.contact_id = c.id order by c.id, ct.ordinal`);
    const stored: Record<string, unknown>[] = [];
    for (const [i, { id, topic_id, ...contact }] of links.entries()) {
      if (i > 0 && links[i - 1]!.id === id) stored.at(-1)!.topics += `,${topic_id}`;
      else stored.push({ ...contact, topics: String(topic_id) });
    }
    expect(stored).toEqual([
      { local_day: '2026-02-03', local_hour: 9, entry_kind: 'imported', channel: 'in_person', asker: 'citizen', topics: String(topicId('Arbeit')) },
      {
        local_day: '2026-02-04',
        local_hour: 14,
        entry_kind: 'imported',
        channel: 'phone',
        asker: 'organisation',
        topics: `${topicId('Wohnen')},${topicId('Gesundheit')}`,
      },
      { local_day: '2026-02-05', local_hour: 12, entry_kind: 'imported_day', channel: 'in_person', asker: 'citizen', topics: String(topicId('Wohnen')) },
      { local_day: '2026-02-28', local_hour: 11, entry_kind: 'imported', channel: 'email', asker: 'citizen', topics: String(topicId('Armut/Schulden')) },
    ]);
    expect(await rows('select file_name, kind, rows from imports')).toEqual([{ file_name: 'kontakte.csv', kind: 'contacts', rows: 4 }]);
    expect(await rows("select action, entity, entity_id from audit_log where entity = 'import'")).toEqual([
      { action: 'create', entity: 'import', entity_id: result.importId },
    ]);
  });

  it('imported contacts keep the rollups equal to a recount from the contacts', async () => {
    await core.client.logContact({
      topicIds: [topicId('Wohnen')],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      occurredAt: '2026-02-04T13:30:00Z',
    });
    const mapping = [{ kind: 'topic' as const, name: 'Schulden', targetId: topicId('Armut/Schulden') }];
    await core.client.commitImport(importInput('kontakte.csv', contacts, mapping));
    const incremental = await rollups();
    await rebuildRollup(core.context.db);
    expect(await rollups()).toEqual(incremental);
    // The contact known by day only is in the day's totals but not in any hour.
    expect(await rows("select sum(n) as n from rollup_daily where dimension = 'desk' and day = '2026-02-05'")).toEqual([{ n: 1 }]);
    expect(await rows("select count(*) as n from rollup_hourly where day = '2026-02-05'")).toEqual([{ n: 0 }]);
  });

  it('voiding an imported contact known by day only takes it out of the reports and keeps the rollups exact', async () => {
    await core.client.commitImport(importInput('kontakte.csv', contacts, [{ kind: 'topic', name: 'Schulden', targetId: topicId('Armut/Schulden') }]));
    const dayOnly = (await rows("select id from contacts where entry_kind = 'imported_day'")) as { id: number }[];
    await core.client.voidContact({ contactId: dayOnly[0]!.id, reason: 'wrong_entry' });
    const incremental = await rollups();
    await rebuildRollup(core.context.db);
    expect(await rollups()).toEqual(incremental);
    expect((await core.client.getReport({ from: '2026-02-01', to: '2026-02-28' })).total).toBe(3);
  });

  it('an error in the last row writes nothing at all', async () => {
    const bad = csvBytes([
      CONTACTS_HEADER,
      ['03.02.2026', '09:15', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', ''],
      ['04.02.2026', '10:00', 'Wohnen', 'persönlich', 'Bürger*in', 'Deutsch', ''],
      ['31.02.2026', '10:00', 'Wohnen', 'persönlich', 'Bürger*in', 'Deutsch', ''],
    ]);
    const before = await snapshotDatabase(core.database.db);
    const preview = await core.client.previewImport(importInput('kontakte.csv', bad));
    expect(preview).toMatchObject({ ready: false, errorCount: 1, validRows: 2, errors: [{ line: 4, field: 'Datum', code: 'bad_date', value: '31.02.2026' }] });
    const err = await refusal(core.client.commitImport(importInput('kontakte.csv', bad)));
    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'contentBase64' });
    expect(err.body.message).toContain('line 4, Datum: is not a day of the calendar');
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('the same file imported twice is refused the second time, even under another name', async () => {
    await core.client.commitImport(
      importInput('monatswerte.csv', monthly, [
        { kind: 'topic', name: 'Schulden', targetId: topicId('Armut/Schulden') },
        { kind: 'topic', name: 'Armut', targetId: topicId('Armut/Schulden') },
      ]),
    );
    const before = await snapshotDatabase(core.database.db);
    const mapping = [
      { kind: 'topic' as const, name: 'Schulden', targetId: topicId('Armut/Schulden') },
      { kind: 'topic' as const, name: 'Armut', targetId: topicId('Armut/Schulden') },
    ];
    const preview = await core.client.previewImport(importInput('kopie.csv', monthly, mapping));
    expect(preview.ready).toBe(false);
    expect(preview.duplicateOf).toMatchObject({ fileName: 'monatswerte.csv' });
    const err = await refusal(core.client.commitImport(importInput('kopie.csv', monthly, mapping)));
    expect(err.body.code).toBe('conflict');
    expect(err.body.message).toContain('already imported (as "monatswerte.csv"');
    expect(await snapshotDatabase(core.database.db)).toEqual(before);
  });

  it('monthly counts of a month and topic that another file already brought in are refused per row', async () => {
    const mapping = [
      { kind: 'topic' as const, name: 'Schulden', targetId: topicId('Armut/Schulden') },
      { kind: 'topic' as const, name: 'Armut', targetId: topicId('Armut/Schulden') },
    ];
    await core.client.commitImport(importInput('monatswerte.csv', monthly, mapping));
    const overlap = csvBytes([MONTHLY_HEADER, ['2025-11', 'Arbeit', '3'], ['2025-12', 'Arbeit', '40']]);
    const preview = await core.client.previewImport(importInput('nachtrag.csv', overlap));
    expect(preview).toMatchObject({ ready: false, errorCount: 1, errors: [{ line: 3, code: 'already_imported' }], total: 3 });
  });

  it('two names mapped to one topic add up in a month', async () => {
    const mapping = [
      { kind: 'topic' as const, name: 'Schulden', targetId: topicId('Armut/Schulden') },
      { kind: 'topic' as const, name: 'Armut', targetId: topicId('Armut/Schulden') },
    ];
    await core.client.commitImport(importInput('monatswerte.csv', monthly, mapping));
    expect(await rows('select month, topic_id, count from imported_monthly order by month, topic_id')).toEqual(
      [
        { month: '2025-12', topic_id: topicId('Arbeit'), count: 40 },
        { month: '2025-12', topic_id: topicId('Wohnen'), count: 25 },
        { month: '2026-01', topic_id: topicId('Arbeit'), count: 30 },
        { month: '2026-01', topic_id: topicId('Armut/Schulden'), count: 12 },
      ].sort((a, b) => a.month.localeCompare(b.month) || a.topic_id - b.topic_id),
    );
  });

  it('merging two topics folds their imported monthly counts into the target, and the reports keep their totals', async () => {
    const both = csvBytes([MONTHLY_HEADER, ['2025-12', 'Arbeit', '40'], ['2025-12', 'Wohnen', '25'], ['2026-01', 'Wohnen', '3']]);
    await core.client.commitImport(importInput('monatswerte.csv', both));
    const before = await core.client.getReport({ from: '2025-12-01', to: '2026-01-31' });
    await core.client.mergeCatalogEntries({ kind: 'topic', sourceId: topicId('Wohnen'), targetId: topicId('Arbeit') });
    expect(await rows('select month, topic_id, count from imported_monthly order by month')).toEqual([
      { month: '2025-12', topic_id: topicId('Arbeit'), count: 65 },
      { month: '2026-01', topic_id: topicId('Arbeit'), count: 3 },
    ]);
    const after = await core.client.getReport({ from: '2025-12-01', to: '2026-01-31' });
    expect(after).toMatchObject({ total: before.total, imported: before.imported, monthly: before.monthly });
    expect(after.byTopic.contacts.rows.find((r) => r.key === topicId('Arbeit'))).toMatchObject({ n: 68, imported: 68 });
  });

  it('a mapping to an entry that does not exist is refused by field', async () => {
    const err = await refusal(core.client.previewImport(importInput('monatswerte.csv', monthly, [{ kind: 'topic', name: 'Schulden', targetId: 9999 }])));
    expect(err.body).toMatchObject({ code: 'invalid_input', field: 'mapping.0.targetId' });
  });
});

describe('import: monthly counts in the reports', () => {
  const mapping = [
    { kind: 'topic' as const, name: 'Schulden', targetId: 0 },
    { kind: 'topic' as const, name: 'Armut', targetId: 0 },
  ];
  const withIds = () => mapping.map((m) => ({ ...m, targetId: topicId('Armut/Schulden') }));

  beforeEach(async () => {
    // A live contact in January (Wednesday 14 January, 10:15) next to the imported counts.
    await core.client.logContact({
      topicIds: [topicId('Wohnen')],
      languageId: catalog.languages[0]!.id,
      channel: 'in_person',
      asker: 'citizen',
      occurredAt: '2026-01-14T09:15:00Z',
    });
    // January already holds that recorded contact: the tallies are added on top only when asked to (test/core/import-recorded-months.test.ts).
    await core.client.commitImport({ ...importInput('monatswerte.csv', monthly, withIds()), addToRecordedMonths: true });
  });

  it('totals and the monthly series include the imported counts and mark them', async () => {
    const report = await core.client.getReport({ from: '2025-12-01', to: '2026-01-31' });
    expect(report.total).toBe(40 + 25 + 30 + 12 + 1);
    expect(report.imported).toBe(107);
    expect(report.monthly).toEqual([
      { month: '2025-12', n: 65, cumulative: 65, imported: 65 },
      { month: '2026-01', n: 43, cumulative: 108, imported: 42 },
    ]);
    const wohnen = report.byTopic.contacts.rows.find((r) => r.key === topicId('Wohnen'))!;
    expect(wohnen).toMatchObject({ n: 26, imported: 25 });
    expect(report.byTopic.contacts.total).toBe(report.total);
    expect(report.byTopic.mentions.total).toBe(report.total);
  });

  it('the heat map, per open hour, languages and channels leave the imported counts out', async () => {
    const report = await core.client.getReport({ from: '2025-12-01', to: '2026-01-31' });
    expect(report.heatmap.flat().reduce<number>((s, n) => s + (n ?? 0), 0)).toBe(1);
    expect(report.heatmap[2]![10]).toBe(1); // Wednesday, 10:00–11:00
    expect(report.byLanguage.total).toBe(1);
    expect(report.byChannel.total).toBe(1);
    expect(report.openHours.perOpenHour).toBeCloseTo(1 / report.openHours.hours, 2); // rounded to two decimals
    // The open-hours table's total row names the contacts the rate is taken from, not the report's total.
    expect(report.openHours.contacts).toBe(1);
    expect(report.total).toBe(108);
  });

  it('a month counts whole in the period that holds its first day, also for the previous period and the headline', async () => {
    const january = await core.client.getReport({ from: '2026-01-01', to: '2026-01-31' });
    expect(january).toMatchObject({ total: 43, imported: 42 });
    expect(january.comparisons.previousPeriod).toMatchObject({ total: 65, delta: 43 - 65 });
    const midMonth = await core.client.getReport({ from: '2026-01-02', to: '2026-01-31' });
    expect(midMonth.total).toBe(1);
    expect(midMonth.imported).toBeUndefined();
    const settings = (await core.client.getCatalog({})).settings;
    const sinceOpening = await core.client.getReport({ from: settings.openingDate, to: '2026-03-10' });
    expect(sinceOpening.headline.sinceOpening.total).toBe(108);
  });

  it('the report export marks the imported part in the key figures and the monthly table', async () => {
    const file = await core.client.exportReport({ period: { from: '2025-12-01', to: '2026-01-31' }, format: 'report-csv' });
    const lines = Buffer.from(file.base64, 'base64').toString('utf8').split('\r\n');
    expect(lines).toContain('davon importiert;107');
    expect(lines).toContain('Monat;Kontakte;Kumuliert;davon importiert');
    expect(lines.filter((l) => /;65;65;65$/.test(l) || /;43;108;42$/.test(l))).toHaveLength(2);
  });

  it('publication mode by suppression shows the imported parts only when no hidden or small count can be worked out from them', async () => {
    const shown = await core.client.getReport({ from: '2025-12-01', to: '2025-12-31', publication: true, publicationMethod: 'suppression' });
    expect(shown).toMatchObject({ total: 65, imported: 65, monthly: [{ month: '2025-12', n: 65, imported: 65 }] });
    // January: 42 imported next to 1 live contact; the remainder (1) is small, so the part is hidden.
    const hidden = await core.client.getReport({ from: '2025-12-01', to: '2026-01-31', publication: true, publicationMethod: 'suppression' });
    expect(hidden.monthly.map((m) => m.imported)).toEqual([null, null]);
    expect(hidden.imported).toBeNull();
    expect(hidden.byTopic.contacts.rows.every((r) => r.imported === undefined)).toBe(true);
  });
});
