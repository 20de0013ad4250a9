import type { Writable } from 'node:stream';
import type { PivotSheet } from './pivot-table';
import { a4PageSetup, BOLD_FONT, streamingWorkbook } from './xlsx-workbook';

const COUNT_FORMAT = '#,##0';

/** Widths in characters: the label column as wide as its longest label (at most 50), count columns as their headers (10–24). */
function columnWidths(sheet: PivotSheet): number[] {
  const labels = Math.max(sheet.header[0]!.length, ...sheet.rows.map((r) => r.label.length));
  // Never 9: exceljs leaves out a column of its default width, which spreadsheets then draw narrower.
  return [Math.min(Math.max(labels + 2, 12), 50), ...sheet.header.slice(1).map((h) => Math.min(Math.max(h.length + 2, 10), 24))];
}

/**
 * The pivot as a one-sheet workbook: the title block, the table (header and totals bold, counts as
 * numbers so Excel can sum and sort them, the header row repeated on every printed page) and the notes.
 */
export async function writePivotXlsx(sheet: PivotSheet, out: Writable): Promise<void> {
  const workbook = streamingWorkbook(out);
  const widths = columnWidths(sheet);
  const headerRow = sheet.titleLines.length + 2;
  const ws = workbook.addWorksheet('Pivot', {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 1 }],
    pageSetup: { ...a4PageSetup(widths.reduce((a, b) => a + b, 0)), printTitlesRow: `${headerRow}:${headerRow}` },
  });
  ws.columns = widths.map((width) => ({ width }));
  sheet.titleLines.forEach((line, i) => {
    const row = ws.addRow([line]);
    if (i === 0) row.font = BOLD_FONT;
    row.commit();
  });
  ws.addRow([]).commit();
  const header = ws.addRow(sheet.header);
  header.font = BOLD_FONT;
  header.alignment = { wrapText: true, vertical: 'bottom' };
  header.commit();
  sheet.rows.forEach((r, i) => {
    const row = ws.addRow([r.label, ...r.counts]);
    r.counts.forEach((_, j) => {
      row.getCell(j + 2).numFmt = COUNT_FORMAT;
    });
    // The totals row (last) and the totals column stand out like the header.
    if (i === sheet.rows.length - 1) row.font = BOLD_FONT;
    else row.getCell(r.counts.length + 1).font = BOLD_FONT;
    row.commit();
  });
  if (sheet.notes.length > 0) {
    ws.addRow([]).commit();
    for (const note of sheet.notes) ws.addRow([note]).commit();
  }
  ws.commit();
  await workbook.commit();
}
