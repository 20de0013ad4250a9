import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeReportXlsx } from '../../core/exports/report-xlsx';
import { writeToBuffer } from '../../core/exports/sinks';
import { formulaCells, readWorkbook, sheetValues, worksheetXml } from './xlsx-read';
import { REPORT_TABLE_TITLES, reportFixture } from './report-fixture';

const SHEETS = REPORT_TABLE_TITLES;

async function exported(report = reportFixture()) {
  const { buffer, result } = await writeToBuffer((out) => writeReportXlsx(report, out, null));
  return { bytes: buffer, result, workbook: await readWorkbook(buffer) };
}

const rowOf = (sheet: ExcelJS.Worksheet, key: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === key) found = row;
  });
  if (!found) throw new Error(`no row "${key}" in ${sheet.name}`);
  return found;
};

describe('report XLSX', () => {
  it('has one sheet per table, each with a bold, frozen header row', async () => {
    const { workbook } = await exported();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEETS);
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      for (let c = 1; c <= sheet.columnCount; c++) expect(sheet.getColumn(c).width, `${sheet.name} column ${c}`).toBeGreaterThanOrEqual(8);
    }
  });

  it('stores counts and rates as numbers, days and months as real dates', async () => {
    const { workbook } = await exported();
    const summary = workbook.getWorksheet('Kennzahlen')!;
    const total = rowOf(summary, 'Kontakte').getCell(2);
    expect(total.type).toBe(ExcelJS.ValueType.Number);
    expect(total.value).toBe(125);
    expect(rowOf(summary, 'Kontakte je Öffnungsstunde').getCell(2).value).toBe(12.5);
    const from = rowOf(summary, 'Zeitraum von').getCell(2);
    expect(from.type).toBe(ExcelJS.ValueType.Date);
    expect(from.value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(from.numFmt).toBe('dd.mm.yyyy');
    const month = workbook.getWorksheet('Monatsverlauf')!.getRow(2).getCell(1);
    expect(month.value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(month.numFmt).toBe('mm.yyyy');
    const [, previous] = sheetValues(workbook.getWorksheet('Vergleiche')!);
    expect(previous!.slice(3, 6)).toEqual([129, 125, -4]);
    expect(previous![6]).toBeCloseTo(-0.031, 3);
  });

  it('writes "·" for suppressed cells and keeps every other cell numeric', async () => {
    const { workbook } = await exported();
    const topics = workbook.getWorksheet('Themen – Kontakte')!;
    expect(rowOf(topics, 'Pflege').getCell(2).value).toBe('·');
    expect(rowOf(topics, 'Summe').getCell(2).value).toBe(125);
    const heat = sheetValues(workbook.getWorksheet('Wochentag × Stunde')!);
    expect(heat).toHaveLength(8);
    expect(heat[1]!.slice(10, 12)).toEqual([12, '·']);
    for (const row of heat.slice(1)) for (const v of row.slice(1)) expect(typeof v === 'number' || v === '·').toBe(true);
  });

  it('keeps formula-looking labels as plain text: no cell holds a formula', async () => {
    const { workbook, bytes } = await exported();
    const label = rowOf(workbook.getWorksheet('Themen – Kontakte')!, '=HYPERLINK("x")').getCell(1);
    expect(label.type).toBe(ExcelJS.ValueType.String);
    expect(rowOf(workbook.getWorksheet('Weitervermittlung')!, '+49 123').getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(rowOf(workbook.getWorksheet('Weitervermittlung')!, '@SUM(A1)').getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(formulaCells(workbook)).toEqual([]);
    for (const [part, xml] of await worksheetXml(bytes)) expect(xml, part).not.toMatch(/<f[\s>]/);
  });

  it('counts its table rows', async () => {
    const { result } = await exported();
    expect(result).toEqual({ tableRows: expect.any(Number), rawRows: 0 });
    expect(result.tableRows).toBeGreaterThan(40);
  });
});
