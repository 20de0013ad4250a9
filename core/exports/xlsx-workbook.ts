import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * A streaming workbook writing to `out`: rows leave memory as they are committed. Shared strings keep
 * the raw sheet small (its texts repeat: weekdays, topics, channels) and are what spreadsheets expect
 * for text; styles carry the number and date formats.
 */
export function streamingWorkbook(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
    // Fastest deflate: 100,000 raw rows take ~0.3 s less for a file ~25 % larger (5.4 instead of 4.2 MB).
    zip: { zlib: { level: 1 } },
  });
  workbook.creator = 'Kontaktdesk';
  return workbook;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MIME = 'text/csv; charset=utf-8';

/**
 * Bold in the workbook's own font: a font with only `bold` set makes LibreOffice fall back to a
 * serif face for the header row.
 */
export const BOLD_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', family: 2, size: 11, bold: true };

/** Printing: A4, all columns on one page width (as many pages down as needed), header row on every page. */
export function a4PageSetup(totalWidth: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    // About 95 characters of column width fit across A4 portrait.
    orientation: totalWidth > 95 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1',
    margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
}
