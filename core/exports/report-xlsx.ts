import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { CoreContext } from '../context';
import type { Report } from '../reports/report-types';
import { filterLine } from '../analysis/filter-words';
import { dayAsDate, SUPPRESSED } from './german-format';
import { addRawContactsSheet, type RawExportOptions } from './raw-contacts';
import { reportTables, tableRowCount, type Cell, type ReportTable } from './report-tables';
import { a4PageSetup, BOLD_FONT, streamingWorkbook } from './xlsx-workbook';

const COUNT_FORMAT = '#,##0';
/** One fixed decimal, a second only where the figure has one: 12,5 and 12,46 (as the CSV writes them). */
const decimalFormat = (digits: number) => (digits <= 1 ? '0.0' : `0.0${'#'.repeat(digits - 1)}`);

/**
 * A cell's value and number format. Numbers stay numbers and days real dates, so Excel can sum and
 * sort them; text is written as a string value, which a spreadsheet never evaluates as a formula.
 */
function xlsxCell(cell: Cell): { value: ExcelJS.CellValue; numFmt?: string; suppressed?: boolean } {
  switch (cell.kind) {
    case 'text':
      return { value: cell.value };
    case 'count':
      return cell.value === null ? { value: SUPPRESSED, suppressed: true } : { value: cell.value, numFmt: COUNT_FORMAT };
    case 'decimal':
      return cell.value === null ? { value: null } : { value: cell.value, numFmt: decimalFormat(cell.digits) };
    case 'percent':
      return cell.value === null ? { value: null } : { value: cell.value / 100, numFmt: '0.0%' };
    case 'day':
      return { value: dayAsDate(cell.value), numFmt: 'dd.mm.yyyy' };
    case 'month':
      return { value: dayAsDate(`${cell.value}-01`), numFmt: 'mm.yyyy' };
    case 'empty':
      return { value: null };
  }
}

/** Display width of a cell in characters, for the column widths. */
function widthOf(cell: Cell): number {
  switch (cell.kind) {
    case 'text':
      return cell.value.length;
    case 'count':
      return cell.value === null ? 1 : cell.value.toLocaleString('de-AT').length;
    case 'decimal':
    case 'percent':
      return 8;
    case 'day':
      return 10;
    case 'month':
      return 7;
    case 'empty':
      return 0;
  }
}

/** A column of figures (numbers, days): its header sits right, over the figures, and may wrap. */
const isFigureColumn = (t: ReportTable, j: number) =>
  t.rows.some((row) => row[j] && row[j].kind !== 'empty') && t.rows.every((row) => !row[j] || row[j].kind !== 'text');

/** Lines a header needs at a column width, wrapping at spaces as a spreadsheet does. */
function headerLines(text: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= width || used === 0) used = need;
    else {
      lines++;
      used = word.length;
    }
  }
  return lines;
}

/**
 * Text columns as wide as their widest entry (at most 60); figure columns as wide as their figures,
 * letting a long header ("Kontakte an Vergleichstagen") wrap instead of widening a column of numbers.
 */
function columnWidths(t: ReportTable): number[] {
  return t.header.map((h, j) => {
    const content = Math.max(0, ...t.rows.map((row) => (row[j] ? widthOf(row[j]) : 0)));
    const longestWord = Math.max(...h.split(' ').map((w) => w.length));
    const widest = isFigureColumn(t, j) ? Math.max(content, longestWord, Math.min(h.length, 14)) : Math.max(content, h.length);
    // At least 10: exceljs leaves out a column of width 9 (its default), which spreadsheets then draw narrower.
    return Math.min(Math.max(widest + 2, 10), 60);
  });
}

/** A running page header for every printed page of a sheet (`&` is the header codes' escape character). */
const pageHeader = (line: string): Partial<ExcelJS.HeaderFooter> => ({ oddHeader: `&L${line.replaceAll('&', '&&')}` });

function addTableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, t: ReportTable, header?: string): void {
  // Wide tables (heat map, cross-table) keep their row labels in view too.
  const xSplit = t.header.length > 8 ? 1 : 0;
  const widths = columnWidths(t);
  const sheet = workbook.addWorksheet(t.title, {
    views: [{ state: 'frozen', ySplit: 1, xSplit }],
    pageSetup: a4PageSetup(widths.reduce((a, b) => a + b, 0)),
    ...(header !== undefined && { headerFooter: pageHeader(header) }),
  });
  sheet.columns = widths.map((width) => ({ width }));
  const headerRow = sheet.addRow(t.header);
  headerRow.font = BOLD_FONT;
  t.header.forEach((_h, j) => {
    headerRow.getCell(j + 1).alignment = { wrapText: true, vertical: 'bottom', horizontal: isFigureColumn(t, j) && !t.keyValue ? 'right' : 'left' };
  });
  // Spreadsheets do not grow a row for wrapped text on opening: state the height the header needs.
  headerRow.height = 15 * Math.max(...t.header.map((h, j) => headerLines(h, widths[j]! - 1)));
  headerRow.commit();
  for (const cells of t.rows) {
    const row = sheet.addRow(cells.map(() => null));
    cells.forEach((c, j) => {
      const { value, numFmt, suppressed } = xlsxCell(c);
      const cell = row.getCell(j + 1);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      if (suppressed) cell.alignment = { horizontal: 'right' };
      // A list of figures reads down one edge: numbers, days and text alike.
      else if (t.keyValue && j === 1) cell.alignment = { horizontal: 'left' };
    });
    // The closing "Summe" row of a table stands out like the header.
    if (cells[0]?.kind === 'text' && cells[0].value === 'Summe') row.font = BOLD_FONT;
    row.commit();
  }
  sheet.commit();
}

export interface ReportXlsxResult {
  tableRows: number;
  rawRows: number;
}

/**
 * The report as a workbook: one sheet per table, then "Rohdaten" with the period's contacts. In
 * publication mode the raw sheet is left out: one row per contact would undo the suppression.
 */
export async function writeReportXlsx(report: Report, out: Writable, raw: { ctx: CoreContext; options?: RawExportOptions } | null): Promise<ReportXlsxResult> {
  const workbook = streamingWorkbook(out);
  const tables = reportTables(report);
  // A filtered report carries its filter on every printed page of every sheet (the summary sheet also has it as a row).
  const filter = report.filters.length > 0 ? filterLine(report.filters, 'de') : undefined;
  for (const t of tables) addTableSheet(workbook, t, filter);
  let rawRows = 0;
  // The raw sheet lists the contacts the tables count: under a filter, only those it matches.
  if (raw && !report.publication.enabled) rawRows = await addRawContactsSheet(workbook, raw.ctx, { ...report.period, filters: report.filters }, raw.options);
  await workbook.commit();
  return { tableRows: tableRowCount(tables), rawRows };
}
