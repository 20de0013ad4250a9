import { describe, expect, it } from 'vitest';
import type { Pivot } from '../../core/analysis/pivot-types';
import { pivotFileName } from '../../core/exports/export-pivot';
import { pivotCsv } from '../../core/exports/pivot-csv';
import { pivotSheet } from '../../core/exports/pivot-table';
import { writePivotXlsx } from '../../core/exports/pivot-xlsx';
import { reportCsv } from '../../core/exports/report-csv';
import { writeReportXlsx } from '../../core/exports/report-xlsx';
import { writeToBuffer } from '../../core/exports/sinks';
import { PUBLICATION_NOTES } from '../../core/publication/publication-notes';
import type { Report } from '../../core/reports/report-types';
import { csvSections, parseCsv, withoutBom } from './csv-parse';
import { reportFixture } from './report-fixture';
import { readWorkbook, sheetValues } from './xlsx-read';

/**
 * Issue 17: every published report and pivot carries the one sentence that says how its figures are
 * protected (core/publication/publication-notes.ts), near the top like the filter line, in the
 * export's language (German, like every export). An unpublished one carries none.
 */

const published = (method: Report['publication']['method']): Report => reportFixture({ publication: { enabled: true, threshold: 3, method } });
const unpublished = (): Report => reportFixture({ publication: { enabled: false, threshold: 3, method: 'cellKey' } });

const summaryRowsCsv = (report: Report) => csvSections(parseCsv(withoutBom(Buffer.from(reportCsv(report), 'utf8')))).get('Kennzahlen')!.rows;

async function summaryRowsXlsx(report: Report) {
  const { buffer } = await writeToBuffer((out) => writeReportXlsx(report, out, null));
  const workbook = await readWorkbook(buffer);
  return sheetValues(workbook.getWorksheet('Kennzahlen')!);
}

const ALL_NOTES = [PUBLICATION_NOTES.cellKey.de, PUBLICATION_NOTES.suppression.de, PUBLICATION_NOTES.cellKey.en, PUBLICATION_NOTES.suppression.en];

describe('report exports in publication mode', () => {
  for (const method of ['cellKey', 'suppression'] as const) {
    it(`CSV: the ${method} note is the summary's row after the period, before the figures`, () => {
      const rows = summaryRowsCsv(published(method));
      const at = rows.findIndex((r) => r[0] === 'Hinweis');
      expect(rows[at]).toEqual(['Hinweis', PUBLICATION_NOTES[method].de]);
      // Near the top: right after the period (there is no filter line here), before the first count.
      expect(rows[at - 1]![0]).toBe('Zeitraum bis');
      expect(rows.findIndex((r) => r[0] === 'Kontakte')).toBeGreaterThan(at);
    });

    it(`XLSX: the ${method} note is a row of the summary sheet, read back with exceljs`, async () => {
      const rows = await summaryRowsXlsx(published(method));
      const note = rows.find((r) => r[0] === 'Hinweis');
      expect(note?.[1]).toBe(PUBLICATION_NOTES[method].de);
      expect(rows.findIndex((r) => r[0] === 'Hinweis')).toBeLessThan(rows.findIndex((r) => r[0] === 'Kontakte'));
    });
  }

  it('the summary names the method: the cell-key method, or suppression with its threshold', () => {
    const mode = (report: Report) => summaryRowsCsv(report).find((r) => r[0] === 'Veröffentlichungsmodus')![1];
    expect(mode(published('cellKey'))).toMatch(/^ein: Zellschlüssel-Verfahren/);
    expect(mode(published('suppression'))).toBe('ein: Unterdrückung kleiner Zahlen, Werte unter 3 unterdrückt (·), ohne Rohdaten');
    expect(mode(unpublished())).toBe('aus');
  });

  it('a filtered publication has the filter line, then the note', () => {
    const filters = [{ dimension: 'language' as const, values: ['uk'], exclude: true, labels: [{ de: 'Ukrainisch', en: 'Ukrainian' }] }];
    const rows = summaryRowsCsv(reportFixture({ publication: { enabled: true, threshold: 3, method: 'cellKey' }, filters }));
    const filter = rows.findIndex((r) => r[0] === 'Filter');
    expect(filter).toBeGreaterThan(0);
    expect(rows[filter + 1]).toEqual(['Hinweis', PUBLICATION_NOTES.cellKey.de]);
  });

  it('without publication mode neither file has a note', async () => {
    const csv = reportCsv(unpublished());
    for (const note of ALL_NOTES) expect(csv).not.toContain(note);
    expect(summaryRowsCsv(unpublished()).some((r) => r[0] === 'Hinweis')).toBe(false);
    expect((await summaryRowsXlsx(unpublished())).some((r) => r[0] === 'Hinweis')).toBe(false);
  });
});

function pivot(publication: boolean): Pivot {
  return {
    generatedAt: '2026-04-01T05:00:00.000Z',
    period: { from: '2026-03-01', to: '2026-03-31', days: 31 },
    filters: [],
    rowDimension: 'topic',
    columnDimension: 'language',
    rows: [{ key: 1, label: { de: 'Arbeit', en: 'Work' } }],
    columns: [{ key: 'de', label: { de: 'Deutsch', en: 'German' } }],
    cells: [[12]],
    rowTotals: [12],
    columnTotals: [12],
    total: 12,
    multiValued: [],
    importedNotIncluded: 0,
    publication,
  };
}

describe('pivot exports in publication mode', () => {
  it('CSV: the cell-key note is a title line under the filter line, before the table', () => {
    const rows = parseCsv(withoutBom(Buffer.from(pivotCsv(pivotSheet(pivot(true), 'Sozial-Info')), 'utf8')));
    const at = rows.findIndex((r) => r[0] === PUBLICATION_NOTES.cellKey.de);
    expect(at).toBe(3);
    expect(rows[at - 1]![0]).toBe('Filter: keiner (alle Kontakte)');
    expect(rows.findIndex((r) => r[0] === 'Thema \\ Sprache')).toBeGreaterThan(at);
  });

  it('XLSX: the same line in the title block, read back with exceljs', async () => {
    const { buffer } = await writeToBuffer((out) => writePivotXlsx(pivotSheet(pivot(true), 'Sozial-Info'), out));
    const values = sheetValues((await readWorkbook(buffer)).getWorksheet('Pivot')!);
    expect(values.slice(0, 5).map((r) => r[0])).toContain(PUBLICATION_NOTES.cellKey.de);
  });

  it('without publication mode the pivot has no note', async () => {
    const csv = pivotCsv(pivotSheet(pivot(false), 'Sozial-Info'));
    for (const note of ALL_NOTES) expect(csv).not.toContain(note);
    const { buffer } = await writeToBuffer((out) => writePivotXlsx(pivotSheet(pivot(false), 'Sozial-Info'), out));
    const values = sheetValues((await readWorkbook(buffer)).getWorksheet('Pivot')!).flat();
    for (const note of ALL_NOTES) expect(values).not.toContain(note);
  });

  it('a published pivot says so in its file name, as a published report does', () => {
    const input = { from: '2026-03-01', to: '2026-03-31', rows: 'topic' as const, columns: 'language' as const, filters: [] };
    expect(pivotFileName({ ...input, publication: true }, 'pivot-csv')).toBe('kontaktdesk-pivot-thema-sprache-2026-03-veroeffentlichung.csv');
    expect(pivotFileName({ ...input, publication: false }, 'pivot-xlsx')).toBe('kontaktdesk-pivot-thema-sprache-2026-03.xlsx');
  });
});
