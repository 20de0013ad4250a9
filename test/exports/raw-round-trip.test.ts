import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { CONTACTS_HEADER, csvBytes, importInput } from '../support/import-files';
import { queryRows } from '../support/sql-rows';
import { openTempCore, type TempCore } from '../support/temp-core';
import { readWorkbook, sheetValues } from './xlsx-read';

/**
 * One Kontaktdesk's raw export imported into another gives the same report: contacts without a time
 * (imported by day only) export with an empty time and come back by day only, never at 12:00.
 */
let source: TempCore;
let catalog: Catalog;
const targets: TempCore[] = [];
const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;
const orgId = (name: string) => catalog.organisations.find((o) => o.name === name)!.id;
const languageId = (code: string) => catalog.languages.find((l) => l.code === code)!.id;
const TO = '2026-03-10';

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna.
  source = await openTempCore();
  catalog = await source.client.getCatalog({});
  await source.client.logContact({ topicIds: [topicId('Arbeit')], languageId: languageId('de'), channel: 'in_person', asker: 'citizen' }); // live, now
  await source.client.logContact({
    topicIds: [topicId('Wohnen'), topicId('Gesundheit')],
    referralIds: [orgId('Caritas')],
    languageId: languageId('en'),
    channel: 'phone',
    asker: 'organisation',
    occurredAt: '2026-02-03T09:15:00Z',
  });
  await source.client.logContact({
    topicIds: [topicId('Arbeit')],
    languageId: languageId('de'),
    channel: 'email',
    asker: 'citizen',
    occurredAt: '2026-02-10T13:40:00Z',
    count: 3,
    requestId: randomUUID(),
  });
  const file = csvBytes([
    CONTACTS_HEADER,
    ['05.01.2026', '08:40', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', 'AMS Leibnitz'],
    ['06.01.2026', '', 'Wohnen, Arbeit', 'Telefon', 'Organisation', 'Englisch', 'Caritas, Volkshilfe'],
    ['06.01.2026', '', 'Gesundheit', '', 'Bürger*in', 'de', ''],
    ['20.02.2026', '', 'Arbeit', 'E-Mail', 'Bürger*in', 'Deutsch', ''],
  ]);
  await source.client.commitImport(importInput('alt.csv', file));
});
afterEach(async () => {
  await source.dispose();
  for (const t of targets.splice(0)) await t.dispose();
});

/** Every counting contact: its day, its time (null by day only), whether it is day-only, its topics and referrals. */
async function contactsOf(core: TempCore) {
  const rows = await queryRows(
    core.database.db,
    'select id, local_day, local_hour, occurred_at, entry_kind, channel, asker from contacts where voided_at is null order by local_day, occurred_at, id',
  );
  return rows.map((r) => ({
    day: r.local_day,
    time: r.entry_kind === 'imported_day' ? null : new Date(Number(r.occurred_at)).toISOString().slice(11, 16),
    dayOnly: r.entry_kind === 'imported_day',
    channel: r.channel,
    asker: r.asker,
  }));
}

async function report(core: TempCore) {
  const settings = (await core.client.getCatalog({})).settings;
  const { generatedAt: _generatedAt, ...rest } = (await core.client.getReport({ from: settings.openingDate, to: TO, publication: false })) as unknown as Record<
    string,
    unknown
  >;
  return rest;
}

async function roundTrip(format: 'raw-csv' | 'raw-xlsx') {
  const settings = (await source.client.getCatalog({})).settings;
  const exported = await source.client.exportReport({ period: { from: settings.openingDate, to: TO, publication: false }, format });
  const target = await openTempCore();
  targets.push(target);
  const preview = await target.client.previewImport({ fileName: exported.fileName, contentBase64: exported.base64, mapping: [] });
  expect(preview).toMatchObject({ errorCount: 0, unknownNames: [], ready: true, total: 9 });
  await target.client.commitImport({ fileName: exported.fileName, contentBase64: exported.base64, mapping: [] });
  return { exported, target };
}

describe('raw export → import into a fresh database', () => {
  it('writes day-only contacts with an empty time, in CSV and in XLSX', async () => {
    const settings = (await source.client.getCatalog({})).settings;
    const period = { from: settings.openingDate, to: TO, publication: false };
    const csv = Buffer.from((await source.client.exportReport({ period, format: 'raw-csv' })).base64, 'base64').toString('utf8');
    const lines = csv.split('\r\n').filter((l) => l.startsWith('06.01.2026') || l.startsWith('20.02.2026'));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.split(';')[1]).toBe('');
    const workbook = await readWorkbook(Buffer.from((await source.client.exportReport({ period, format: 'raw-xlsx' })).base64, 'base64'));
    const rows = sheetValues(workbook.getWorksheet('Rohdaten')!).slice(1);
    const dayOnly = rows.filter((r) => String(r[12]).includes('ohne Uhrzeit'));
    expect(dayOnly).toHaveLength(3);
    for (const r of dayOnly) expect(r[1]).toBeNull();
    expect(rows.filter((r) => r[1] === null)).toHaveLength(3);
  });

  for (const format of ['raw-csv', 'raw-xlsx'] as const) {
    it(`${format}: the same contacts (days, times, day-only) and the same full report, heat map and open hours included`, async () => {
      const { target } = await roundTrip(format);
      expect(await contactsOf(target)).toEqual(await contactsOf(source));
      const before = await report(source);
      const after = await report(target);
      expect((before.heatmap as number[][]).flat().reduce((s, n) => s + n, 0)).toBe(6); // 1 live + 1 backdated + 3 batch + 1 timed import
      expect(after).toEqual(before);
    });
  }
});
