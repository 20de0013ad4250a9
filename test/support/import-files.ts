import ExcelJS from 'exceljs';

/** Files as management would bring them: CSV text in a chosen separator and encoding, or a real workbook. */

export interface CsvOptions {
  delimiter?: string;
  bom?: boolean;
  /** Line ending; German Excel writes CRLF. */
  eol?: string;
}

/** Quotes a field when it holds the separator, a quote or a line break, as spreadsheets do. */
const field = (value: string, delimiter: string) => (value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A CSV file's bytes: UTF-8, optionally with a byte-order mark. */
export function csvBytes(rows: string[][], { delimiter = ';', bom = false, eol = '\r\n' }: CsvOptions = {}): Buffer {
  const text = rows.map((r) => r.map((v) => field(v, delimiter)).join(delimiter)).join(eol) + eol;
  return Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}

/** The same text in Windows-1252 ("ANSI"), as German Excel's plain "CSV" writes it: umlauts become single bytes. */
export function windows1252Bytes(rows: string[][], delimiter = ';'): Buffer {
  const text = rows.map((r) => r.join(delimiter)).join('\r\n') + '\r\n';
  return Buffer.from([...text].map((ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

export type XlsxCell = string | number | Date | { formula: string; result?: string | number } | null;

/** A real .xlsx workbook built with exceljs: dates as date cells (dd.mm.yyyy), times as time cells. */
export async function xlsxBytes(rows: XlsxCell[][], options: { dateColumns?: number[]; timeColumns?: number[]; sheetName?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Liste');
  for (const row of rows) sheet.addRow(row);
  for (const c of options.dateColumns ?? []) sheet.getColumn(c).numFmt = 'dd.mm.yyyy';
  for (const c of options.timeColumns ?? []) sheet.getColumn(c).numFmt = 'hh:mm';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A date cell's value for exceljs: the wall-clock day at UTC midnight. */
export const dateCell = (day: string) => new Date(`${day}T00:00:00Z`);

/** A time cell's value for exceljs: Excel keeps a time alone on 30 December 1899. */
export const timeCell = (hhmm: string) => new Date(`1899-12-30T${hhmm}:00Z`);

export const importInput = (
  fileName: string,
  bytes: Buffer,
  mapping: { kind: 'topic' | 'organisation' | 'language'; name: string; targetId: number }[] = [],
) => ({
  fileName,
  contentBase64: bytes.toString('base64'),
  mapping,
});

export const CONTACTS_HEADER = ['Datum', 'Uhrzeit', 'Thema', 'Kanal', 'Anfrage von', 'Sprache', 'Weitervermittlung'];
export const MONTHLY_HEADER = ['Monat', 'Thema', 'Anzahl'];
