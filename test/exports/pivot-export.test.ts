import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PivotInput } from '../../core/analysis/pivot-inputs';
import type { Pivot } from '../../core/analysis/pivot-types';
import { pivotFileName } from '../../core/exports/export-pivot';
import { pivotCsv } from '../../core/exports/pivot-csv';
import { pivotSheet } from '../../core/exports/pivot-table';
import { writePivotXlsx } from '../../core/exports/pivot-xlsx';
import { writeToBuffer } from '../../core/exports/sinks';
import { parseCsv, withoutBom } from './csv-parse';
import { formulaCells, readWorkbook, sheetValues } from './xlsx-read';

/** Topic × language over 2026, Ukrainian speakers left out: topics are multi-valued, so the cells of a column add up to more than its total. */
function topicByLanguage(overrides: Partial<Pivot> = {}): Pivot {
  return {
    generatedAt: '2027-01-02T08:00:00.000Z',
    period: { from: '2026-01-01', to: '2026-12-31', days: 365 },
    filters: [{ dimension: 'language', values: ['uk'], exclude: true, labels: [{ de: 'Ukrainisch', en: 'Ukrainian' }] }],
    rowDimension: 'topic',
    columnDimension: 'language',
    rows: [
      { key: 1, label: { de: 'Arbeit', en: 'Work' } },
      { key: 2, label: { de: 'Wohnen', en: 'Housing' } },
      { key: 9, label: { de: '=Altes Thema', en: '=Old topic' }, retired: true },
    ],
    columns: [
      { key: 'de', label: { de: 'Deutsch', en: 'German' } },
      { key: 'ar', label: { de: 'Arabisch', en: 'Arabic' } },
    ],
    cells: [
      [1200, 34],
      [800, 12],
      [5, 0],
    ],
    rowTotals: [1234, 812, 5],
    columnTotals: [1900, 40],
    total: 1940,
    multiValued: ['topic'],
    importedNotIncluded: 0,
    publication: false,
    ...overrides,
  };
}

/** Desk × weekday: both single-valued, so cells add up to the totals exactly. */
const deskByWeekday = (): Pivot =>
  topicByLanguage({
    filters: [],
    rowDimension: 'desk',
    columnDimension: 'weekday',
    rows: [{ key: 1, label: { de: 'Hauptschalter', en: 'Hauptschalter' } }],
    columns: [
      { key: 1, label: { de: 'Montag', en: 'Monday' } },
      { key: 3, label: { de: 'Mittwoch', en: 'Wednesday' } },
    ],
    cells: [[7, 5]],
    rowTotals: [12],
    columnTotals: [7, 5],
    total: 12,
    multiValued: [],
    importedNotIncluded: 31,
  });

const SITE = 'Sozial-Info Leibnitz';

function csvOf(p: Pivot) {
  const bytes = Buffer.from(pivotCsv(pivotSheet(p, SITE)), 'utf8');
  return { bytes, rows: parseCsv(withoutBom(bytes)) };
}

async function workbookOf(p: Pivot): Promise<{ bytes: Buffer; workbook: ExcelJS.Workbook; values: ExcelJS.CellValue[][] }> {
  const { buffer } = await writeToBuffer((out) => writePivotXlsx(pivotSheet(p, SITE), out));
  const workbook = await readWorkbook(buffer);
  return { bytes: buffer, workbook, values: sheetValues(workbook.getWorksheet('Pivot')!) };
}

const HEADER = ['Thema \\ Sprache', 'Deutsch', 'Arabisch', 'Summe'];

describe('pivot CSV for German Excel', () => {
  it('starts with a BOM, then the title block: site, period, the filter in words, the two dimensions', () => {
    const { bytes, rows } = csvOf(topicByLanguage());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(rows.slice(0, 5)).toEqual([
      ['Sozial-Info Leibnitz – Pivot-Tabelle der Kontakte'],
      ['Zeitraum: 01.01.2026 – 31.12.2026'],
      ['Filter: Sprache nicht Ukrainisch'],
      ['Zeilen: Thema, Spalten: Sprache'],
      [''],
    ]);
  });

  it('writes the header, one row per pivot row with its total, and the totals row, separated by ";" with whole numbers', () => {
    const { bytes, rows } = csvOf(topicByLanguage());
    expect(rows.slice(5, 10)).toEqual([
      HEADER,
      ['Arbeit', '1200', '34', '1234'],
      ['Wohnen', '800', '12', '812'],
      ["'=Altes Thema (archiviert)", '5', '0', '5'],
      ['Summe', '1900', '40', '1940'],
    ]);
    // No thousands separators: German Excel would read "1.200" as one point two.
    expect(bytes.toString('utf8')).toContain('\r\nArbeit;1200;34;1234\r\n');
  });

  it('explains, below the table, that a contact with several topics is in several rows', () => {
    const { rows } = csvOf(topicByLanguage());
    expect(rows.slice(10)).toEqual([
      [''],
      [
        'Hinweis: Ein Kontakt mit mehreren Themen steht in mehreren Zeilen. Die Summen zählen jeden Kontakt nur einmal, daher können die Zellen zusammen mehr ergeben als die Summen.',
      ],
    ]);
    const referrals = csvOf(topicByLanguage({ columnDimension: 'referral', multiValued: ['topic', 'referral'] })).rows.at(-1)![0];
    expect(referrals).toMatch(
      /^Hinweis: Ein Kontakt mit mehreren Themen steht in mehreren Zeilen, einer mit mehreren Weitervermittlungen steht in mehreren Spalten\./,
    );
  });

  it('has no note when both dimensions hold one value per contact, and says what imported monthly counts were left out', () => {
    const { rows } = csvOf(deskByWeekday());
    expect(rows[2]).toEqual(['Filter: keiner (alle Kontakte)']);
    expect(rows.slice(5)).toEqual([
      ['Schalter \\ Wochentag', 'Montag', 'Mittwoch', 'Summe'],
      ['Hauptschalter', '7', '5', '12'],
      ['Summe', '7', '5', '12'],
      [''],
      ['Nicht enthalten: 31 Kontakte aus importierten Monatswerten (von ihnen sind nur Thema und Monat bekannt).'],
    ]);
    expect(rows.flat().join(' ')).not.toContain('Hinweis');
  });
});

describe('pivot XLSX', () => {
  it('has the title block, the table with numbers as numbers, the totals row and the note', async () => {
    const { values, workbook } = await workbookOf(topicByLanguage());
    expect(values.slice(0, 4).map((r) => r[0])).toEqual([
      'Sozial-Info Leibnitz – Pivot-Tabelle der Kontakte',
      'Zeitraum: 01.01.2026 – 31.12.2026',
      'Filter: Sprache nicht Ukrainisch',
      'Zeilen: Thema, Spalten: Sprache',
    ]);
    expect(values[5]).toEqual(HEADER);
    expect(values.slice(6, 10)).toEqual([
      ['Arbeit', 1200, 34, 1234],
      ['Wohnen', 800, 12, 812],
      ['=Altes Thema (archiviert)', 5, 0, 5],
      ['Summe', 1900, 40, 1940],
    ]);
    const sheet = workbook.getWorksheet('Pivot')!;
    expect(sheet.getCell('B7').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('B7').numFmt).toBe('#,##0');
    expect(sheet.getRow(10).font?.bold).toBe(true);
    expect(values.at(-1)![0]).toMatch(/^Hinweis: Ein Kontakt mit mehreren Themen steht in mehreren Zeilen/);
    expect(formulaCells(workbook)).toEqual([]);
  });

  it('has no note when no dimension is multi-valued', async () => {
    const { values } = await workbookOf(deskByWeekday());
    expect(values.slice(5, 8)).toEqual([
      ['Schalter \\ Wochentag', 'Montag', 'Mittwoch', 'Summe'],
      ['Hauptschalter', 7, 5, 12],
      ['Summe', 7, 5, 12],
    ]);
    expect(values.flat().some((v) => typeof v === 'string' && v.startsWith('Hinweis'))).toBe(false);
    expect(values.at(-1)![0]).toMatch(/^Nicht enthalten: 31 Kontakte/);
  });
});

describe('pivot file names', () => {
  it('name the two dimensions and the period, as short as it goes', () => {
    const input: PivotInput = { from: '2026-01-01', to: '2026-12-31', rows: 'topic', columns: 'language', filters: [], publication: false };
    expect(pivotFileName(input, 'pivot-csv')).toBe('kontaktdesk-pivot-thema-sprache-2026.csv');
    expect(pivotFileName({ ...input, from: '2026-03-01', to: '2026-03-31', rows: 'firstTopic', columns: 'weekday' }, 'pivot-xlsx')).toBe(
      'kontaktdesk-pivot-erstes-thema-wochentag-2026-03.xlsx',
    );
    expect(pivotFileName({ ...input, from: '2026-03-04', to: '2026-05-10' }, 'pivot-csv')).toBe('kontaktdesk-pivot-thema-sprache-2026-03-04_2026-05-10.csv');
  });
});
