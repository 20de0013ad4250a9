import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAW_HEADER, rawContactBatches, writeRawContactsCsv } from '../../core/exports/raw-contacts';
import { writeToBuffer } from '../../core/exports/sinks';
import { parseCsv, withoutBom } from './csv-parse';
import { queryValue } from '../support/sql-rows';
import { openExportData, type ExportData } from './export-data';
import { formulaCells, readWorkbook, sheetValues } from './xlsx-read';

const MARCH = { from: '2026-03-01', to: '2026-03-31', publication: false };

let data: ExportData;
beforeAll(async () => {
  data = await openExportData();
});
afterAll(() => data.core.dispose());

async function rawCsv(period = MARCH) {
  const { buffer, result } = await writeToBuffer((out) => writeRawContactsCsv(data.core.context, period, out));
  const [header, ...rows] = parseCsv(withoutBom(buffer));
  return { header, rows, count: result };
}

const countingContacts = async (from: string, to: string) =>
  Number(await queryValue(data.core.database.db, 'select count(*) as n from contacts where local_day between ? and ? and voided_at is null', [from, to]));

describe('raw contact export', () => {
  it('lists every counting contact of the period once, in entry order, and nothing from the days around it', async () => {
    const { header, rows, count } = await rawCsv();
    expect(header).toEqual([...RAW_HEADER]);
    expect(count).toBe(await countingContacts('2026-03-01', '2026-03-31'));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['01.03.2026', '00:30'],
      ['12.03.2026', '10:15'],
      ['29.03.2026', '03:30'],
      ['31.03.2026', '23:45'],
    ]);
    expect(rows.map((r) => [r[0], r[1]])).toEqual(data.march.map((c) => [c.day.split('-').reverse().join('.'), c.time]));
  });

  it('reads without the database: labels, codes, theme day and how the contact was entered', async () => {
    const { rows } = await rawCsv();
    expect(rows[1]).toEqual([
      '12.03.2026',
      '10:15',
      'Donnerstag',
      `'=HYPERLINK("x"), Wohnen`,
      `'=HYPERLINK("x")`,
      "'+49 123, @SUM(A1)",
      'Englisch',
      'en',
      'Telefon',
      'Organisation',
      'Sozial-Info',
      'Flucht und Migration',
      'nachgetragen',
    ]);
    expect(rows[0]!.slice(2)).toEqual(['Sonntag', 'Arbeit', 'Arbeit', '', 'Deutsch', 'de', 'persönlich', 'Bürger*in', 'Sozial-Info', '', 'nachgetragen']);
    const april = await rawCsv({ from: '2026-04-01', to: '2026-04-30', publication: false });
    expect(april.rows.map((r) => [r[0], r[1], r[12]])).toEqual([
      ['01.04.2026', '00:15', 'nachgetragen'],
      ['15.04.2026', '10:00', 'live'],
    ]);
  });

  it('reads in batches by id and reports progress up to the total', async () => {
    const progress: [number, number][] = [];
    const batches = [];
    for await (const batch of rawContactBatches(data.core.context, MARCH, { batchSize: 3, onProgress: (d, t) => progress.push([d, t]) }))
      batches.push(batch.length);
    expect(batches).toEqual([3, 1]);
    expect(progress).toEqual([
      [0, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('is empty but well-formed for a period without contacts', async () => {
    const { header, rows, count } = await rawCsv({ from: '2025-01-01', to: '2025-01-31', publication: false });
    expect(header).toEqual([...RAW_HEADER]);
    expect(rows).toEqual([]);
    expect(count).toBe(0);
  });

  it('as a workbook: one frozen sheet, real dates and times, text never a formula', async () => {
    const file = await data.core.handlers.exportReport({ period: MARCH, format: 'raw-xlsx' });
    expect(file).toMatchObject({
      fileName: 'kontaktdesk-kontakte-2026-03-01_2026-03-31.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: 4,
    });
    const workbook = await readWorkbook(Buffer.from(file.base64, 'base64'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rohdaten']);
    const sheet = workbook.getWorksheet('Rohdaten')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const [header, ...rows] = sheetValues(sheet);
    expect(header).toEqual([...RAW_HEADER]);
    expect(rows).toHaveLength(4);
    expect(rows[0]![0]).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(sheet.getCell('A2').numFmt).toBe('dd.mm.yyyy');
    // A time of day is a fraction of a day; exceljs reads a time-formatted cell back as a Date on 30 Dec 1899.
    expect(rows[0]![1]).toEqual(new Date('1899-12-30T00:30:00Z'));
    expect(sheet.getCell('B2').numFmt).toBe('hh:mm');
    expect(rows[1]![3]).toBe('=HYPERLINK("x"), Wohnen');
    expect(sheet.getCell('E3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('E3').value).toBe('=HYPERLINK("x")');
    expect(formulaCells(workbook)).toEqual([]);
  });

  it('as CSV over the contract: file name, type and row count', async () => {
    const file = await data.core.handlers.exportReport({ period: MARCH, format: 'raw-csv' });
    expect(file).toMatchObject({ fileName: 'kontaktdesk-kontakte-2026-03-01_2026-03-31.csv', mimeType: 'text/csv; charset=utf-8', rows: 4 });
    expect(parseCsv(withoutBom(Buffer.from(file.base64, 'base64')))).toHaveLength(5);
  });
});

describe('raw contact export of a period with a contact entered much later', () => {
  it('lists it in entry order with its own topics and referrals, none of its neighbours by id', async () => {
    const late = await openExportData();
    try {
      const { handlers } = late.core;
      const topic = (de: string) => late.catalog.topics.find((t) => t.labelDe === de)!.id;
      const german = late.catalog.languages.find((l) => l.code === 'de')!.id;
      const caritas = late.catalog.organisations.find((o) => o.name === 'Caritas')!.id;
      // Forty April contacts between March's last one and the back-dated one, each with other topics.
      for (let i = 0; i < 40; i++) {
        await handlers.logContact({
          count: 1,
          topicIds: [topic('Gesundheit')],
          referralIds: [caritas],
          languageId: german,
          channel: 'phone',
          asker: 'citizen',
          occurredAt: `2026-04-0${1 + (i % 9)}T08:00:00Z`,
        });
      }
      await handlers.logContact({
        count: 1,
        topicIds: [topic('Wohnen'), topic('Arbeit')],
        referralIds: [],
        languageId: german,
        channel: 'email',
        asker: 'citizen',
        occurredAt: '2026-03-02T12:05:00Z',
      });
      const { buffer } = await writeToBuffer((out) => writeRawContactsCsv(late.core.context, MARCH, out));
      const rows = parseCsv(withoutBom(buffer)).slice(1);
      expect(rows).toHaveLength(5);
      expect(rows.at(-1)!.slice(0, 6)).toEqual(['02.03.2026', '13:05', 'Montag', 'Wohnen, Arbeit', 'Wohnen', '']);
      expect(rows.flat()).not.toContain('Gesundheit');
    } finally {
      await late.core.dispose();
    }
  });
});
