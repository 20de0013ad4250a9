import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog/catalog-types';
import { CONTACTS_HEADER, csvBytes, dateCell, importInput, MONTHLY_HEADER, timeCell, xlsxBytes } from '../support/import-files';
import { openTempCore, type TempCore } from '../support/temp-core';

let core: TempCore;
let catalog: Catalog;
const topicId = (labelDe: string) => catalog.topics.find((t) => t.labelDe === labelDe)!.id;

beforeEach(async () => {
  // 10 March 2026, 10:30 in Vienna.
  core = await openTempCore();
  catalog = await core.client.getCatalog({});
});
afterEach(() => core.dispose());

const contactRows = [
  CONTACTS_HEADER,
  ['03.02.2026', '09:15', 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', 'AMS Leibnitz'],
  ['2026-02-04', '14:05', 'Wohnen, Gesundheit', 'Telefon', 'Organisation', 'Englisch', ''],
  ['5.2.2026', '', 'Wohnen', 'E-Mail', 'Bürger*in', 'de', 'Caritas, Volkshilfe'],
];

const monthlyRows = [MONTHLY_HEADER, ['2020-01', 'Arbeit', '12'], ['01.2020', 'Wohnen', '7'], ['Feb 2020', 'Arbeit', '1.234'], ['Jän 2021', 'Gesundheit', '0']];

describe('import: reading both layouts', () => {
  for (const { delimiter, bom } of [
    { delimiter: ';', bom: true },
    { delimiter: ';', bom: false },
    { delimiter: ',', bom: true },
    { delimiter: ',', bom: false },
  ]) {
    it(`contacts from CSV with "${delimiter}" ${bom ? 'and' : 'without'} a byte-order mark`, async () => {
      const preview = await core.client.previewImport(importInput('kontakte.csv', csvBytes(contactRows, { delimiter, bom })));
      expect(preview).toMatchObject({
        format: 'csv',
        delimiter,
        layout: 'contacts',
        hasTime: true,
        rows: 3,
        validRows: 3,
        errorCount: 0,
        unknownNames: [],
        total: 3,
        ready: true,
      });
      expect(preview.range).toEqual({ from: '2026-02-03', to: '2026-02-05' });
      expect(preview.totals).toEqual([
        { month: '2026-02', topicId: topicId('Arbeit'), n: 1 },
        { month: '2026-02', topicId: topicId('Wohnen'), n: 2 },
      ]);
      expect(preview.sample[0]!.cells).toEqual(CONTACTS_HEADER);
    });

    it(`monthly counts from CSV with "${delimiter}" ${bom ? 'and' : 'without'} a byte-order mark`, async () => {
      const preview = await core.client.previewImport(importInput('monatswerte.csv', csvBytes(monthlyRows, { delimiter, bom })));
      expect(preview).toMatchObject({
        layout: 'monthly',
        rows: 4,
        errorCount: 0,
        total: 12 + 7 + 1234,
        ready: true,
        range: { from: '2020-01', to: '2021-01' },
      });
      expect(preview.totals).toEqual([
        { month: '2020-01', topicId: topicId('Arbeit'), n: 12 },
        { month: '2020-01', topicId: topicId('Wohnen'), n: 7 },
        { month: '2020-02', topicId: topicId('Arbeit'), n: 1234 },
      ]);
    });
  }

  it('English headers and values are read like German ones', async () => {
    const rows = [
      ['Date', 'Time', 'Topic', 'Channel', 'Who asked', 'Language', 'Referral'],
      ['2026-02-03', '9:15', 'Housing', 'phone', 'citizen', 'German', 'Caritas'],
    ];
    const preview = await core.client.previewImport(importInput('contacts.csv', csvBytes(rows, { delimiter: ',' })));
    expect(preview).toMatchObject({ layout: 'contacts', errorCount: 0, ready: true, totals: [{ month: '2026-02', topicId: topicId('Wohnen'), n: 1 }] });
    const monthly = await core.client.previewImport(
      importInput(
        'months.csv',
        csvBytes(
          [
            ['Month', 'Topic', 'Count'],
            ['2021-03', 'Work', '4'],
          ],
          { delimiter: ',' },
        ),
      ),
    );
    expect(monthly).toMatchObject({ layout: 'monthly', ready: true, totals: [{ month: '2021-03', topicId: topicId('Arbeit'), n: 4 }] });
  });

  it('a list without a time column is read as contacts known by day only', async () => {
    const rows = [
      ['Datum', 'Thema', 'Anfrage von', 'Sprache'],
      ['03.02.2026', 'Arbeit', 'Bürger*in', 'Deutsch'],
    ];
    expect(await core.client.previewImport(importInput('ohne-zeit.csv', csvBytes(rows)))).toMatchObject({
      layout: 'contacts',
      hasTime: false,
      ready: true,
      total: 1,
    });
  });

  it('the raw export of a Kontaktdesk reads back as contacts (its extra columns are ignored)', async () => {
    await core.client.logContact({
      topicIds: [topicId('Wohnen'), topicId('Arbeit')],
      referralIds: [catalog.organisations[3]!.id],
      languageId: catalog.languages[1]!.id,
      channel: 'phone',
      asker: 'organisation',
      occurredAt: '2026-02-16T13:05:00Z',
    });
    const raw = await core.client.exportReport({ period: { from: '2026-02-01', to: '2026-02-28' }, format: 'raw-csv' });
    const preview = await core.client.previewImport(importInput('export.csv', Buffer.from(raw.base64, 'base64')));
    expect(preview).toMatchObject({
      layout: 'contacts',
      errorCount: 0,
      ready: true,
      total: 1,
      totals: [{ month: '2026-02', topicId: topicId('Wohnen'), n: 1 }],
    });
  });

  it('contacts from a real XLSX workbook with date and time cells', async () => {
    const bytes = await xlsxBytes(
      [
        CONTACTS_HEADER,
        [dateCell('2026-02-03'), timeCell('09:15'), 'Arbeit', 'persönlich', 'Bürger*in', 'Deutsch', 'AMS Leibnitz'],
        ['04.02.2026', '14:05', 'Wohnen', 'Telefon', 'Organisation', 'Englisch', null],
      ],
      { dateColumns: [1], timeColumns: [2] },
    );
    const preview = await core.client.previewImport(importInput('kontakte.xlsx', bytes));
    expect(preview).toMatchObject({
      format: 'xlsx',
      delimiter: null,
      layout: 'contacts',
      rows: 2,
      errorCount: 0,
      ready: true,
      range: { from: '2026-02-03', to: '2026-02-04' },
    });
    expect(preview.sample[1]!.cells.slice(0, 2)).toEqual(['03.02.2026', '09:15']);
  });

  it('monthly counts from a real XLSX workbook, months as text and as date cells, counts as numbers', async () => {
    const bytes = await xlsxBytes([MONTHLY_HEADER, ['2020-01', 'Arbeit', 12], [dateCell('2020-02-01'), 'Wohnen', 7], ['März 2020', 'Arbeit', '3']], {
      dateColumns: [],
    });
    const preview = await core.client.previewImport(importInput('monatswerte.xlsx', bytes));
    expect(preview).toMatchObject({ format: 'xlsx', layout: 'monthly', errorCount: 0, ready: true, total: 22 });
    expect(preview.totals.map((t) => t.month)).toEqual(['2020-01', '2020-02', '2020-03']);
  });

  it('the layout comes from the header, not from the file name', async () => {
    const preview = await core.client.previewImport(importInput('kontakte.csv', csvBytes(monthlyRows)));
    expect(preview.layout).toBe('monthly');
  });
});
