import type { ImportErrorCode } from './import-types';

/** One cell as read from a file: its text, and what XLSX knows beyond text. */
export interface SheetCell {
  text: string;
  /** XLSX: a cell formatted as a date or time, as its wall-clock value in UTC fields. */
  date?: Date;
  /** XLSX: a number cell. */
  number?: number;
  /** XLSX: a real formula cell; never evaluated, always refused. */
  formula?: boolean;
}

export interface SheetRow {
  /** 1-based line (CSV: where the record starts) or sheet row (XLSX). */
  line: number;
  cells: SheetCell[];
}

/** A file read as a table: the header row and the data rows after it (blank rows dropped). */
export interface Sheet {
  format: 'csv' | 'xlsx';
  delimiter: ';' | ',' | null;
  header: SheetRow;
  rows: SheetRow[];
}

/** The file cannot be read as a table at all: one error for the whole file. */
export class FileProblem extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly line = 0,
    readonly field = '(file)',
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}

export const textCell = (text: string): SheetCell => ({ text });

export const isBlankRow = (cells: SheetCell[]) => cells.every((c) => c.text.trim() === '' && !c.formula);
