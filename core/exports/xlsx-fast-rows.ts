import ExcelJS from 'exceljs';

/** How a column's values are stored: a day as a date serial, a time of day as a fraction, or shared text. */
export type FastColumn = 'date' | 'time' | 'text';
export type FastValue = Date | number | string | null;

/** The exceljs 4.x members this writer relies on; checked at construction, so an upgrade that moves them fails loudly. */
interface WorkbookInternals {
  sharedStrings: { add(value: string): number };
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, type: ExcelJS.ValueType): number };
  useSharedStrings: boolean;
}
interface WorksheetInternals {
  stream: { write(chunk: string): unknown };
  startedData: boolean;
  _rows: unknown[] | null;
  _rowZero: number;
}

const DAY_MS = 86_400_000;
/** Days from the spreadsheet epoch (30 Dec 1899) to the Unix epoch. */
const EXCEL_EPOCH_DAYS = 25_569;
const FLUSH_ROWS = 500;

const columnLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1));

/**
 * Appends plain data rows to a streaming worksheet as XML text, skipping exceljs' Row and Cell
 * objects: those cost about 25 µs a row at 13 columns, most of a 100,000-row export's time, where
 * this writer costs a few. Cells are what exceljs itself would write (shared strings, style ids from
 * the workbook's own style table); empty text is left out, as an empty cell.
 *
 * Use after the sheet's header row is committed through exceljs (that writes the columns and opens
 * the sheet data), and add no exceljs rows afterwards; `sheet.commit()` closes the sheet as usual.
 */
export class FastRowWriter {
  private readonly wb: WorkbookInternals;
  private readonly ws: WorksheetInternals;
  private readonly letters: string[];
  private readonly styleIds: number[];
  private next: number;
  private pending: string[] = [];

  constructor(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    sheet: ExcelJS.Worksheet,
    private readonly columns: FastColumn[],
    styles: Partial<ExcelJS.Style>[],
  ) {
    this.wb = workbook as unknown as WorkbookInternals;
    this.ws = sheet as unknown as WorksheetInternals;
    if (typeof this.wb.sharedStrings?.add !== 'function' || typeof this.wb.styles?.addStyleModel !== 'function' || !this.wb.useSharedStrings) {
      throw new Error('FastRowWriter needs an exceljs 4 streaming workbook with shared strings and styles');
    }
    if (!this.ws.startedData || !Array.isArray(this.ws._rows) || this.ws._rows.length !== 0) {
      throw new Error('FastRowWriter starts after the header row is committed, with no exceljs rows pending');
    }
    this.next = this.ws._rowZero;
    this.letters = columns.map((_, i) => columnLetter(i + 1));
    this.styleIds = columns.map((kind, i) =>
      this.wb.styles.addStyleModel(
        styles[i] ?? {},
        kind === 'date' ? ExcelJS.ValueType.Date : kind === 'text' ? ExcelJS.ValueType.String : ExcelJS.ValueType.Number,
      ),
    );
  }

  /** One row; values in column order: a Date (at UTC midnight) for `date`, minutes since midnight for `time`, a string for `text`. */
  add(values: FastValue[]): void {
    const r = this.next++;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < this.columns.length; i++) {
      const v = values[i];
      const s = this.styleIds[i] ? ` s="${this.styleIds[i]}"` : '';
      const ref = `${this.letters[i]}${r}`;
      switch (this.columns[i]) {
        case 'date':
          xml += `<c r="${ref}"${s}><v>${(v as Date).getTime() / DAY_MS + EXCEL_EPOCH_DAYS}</v></c>`;
          break;
        case 'time':
          // No time known (a contact imported by day only): an empty cell, as the import reads it back.
          if (v !== null && v !== undefined) xml += `<c r="${ref}"${s}><v>${(v as number) / 1440}</v></c>`;
          break;
        case 'text':
          if (v !== '' && v !== undefined) xml += `<c r="${ref}"${s} t="s"><v>${this.wb.sharedStrings.add(String(v))}</v></c>`;
          break;
      }
    }
    this.pending.push(`${xml}</row>`);
    if (this.pending.length >= FLUSH_ROWS) this.flush();
  }

  /** Hands buffered rows to the sheet's stream; call before yielding to I/O and before `sheet.commit()`. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.ws.stream.write(this.pending.join(''));
    this.pending = [];
    // exceljs numbers any later row from here; keeps the sheet consistent should one be added.
    this.ws._rowZero = this.next;
  }
}
