import { IMPORT_MAX_ROWS } from '../base/limits';
import { decodeCsvText } from './decode-text';
import { FileProblem, isBlankRow, textCell, type Sheet, type SheetRow } from './sheet';
import type { TimeSlice } from './time-slice';

/** Counts a character outside quoted parts of one line. */
function countOutsideQuotes(line: string, char: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === char && !quoted) n++;
  }
  return n;
}

/**
 * The separator, from the header line: `;` (German Excel) or `,`. A header split by tabs or `|`
 * is refused by name, since read with `;` it would be one long column.
 */
export function detectDelimiter(headerLine: string): ';' | ',' {
  const semicolons = countOutsideQuotes(headerLine, ';');
  const commas = countOutsideQuotes(headerLine, ',');
  if (semicolons > 0 && semicolons >= commas) return ';';
  if (commas > 0) return ',';
  const other = countOutsideQuotes(headerLine, '\t') > 0 ? 'tabs' : countOutsideQuotes(headerLine, '|') > 0 ? '"|"' : null;
  if (other) {
    throw new FileProblem('delimiter', `wrong delimiter: the columns are separated by ${other}; separate them with ";" or ","`, 1, '(header)');
  }
  throw new FileProblem('no_layout', 'the first line names only one column; separate the column names with ";" or ","', 1, '(header)');
}

/**
 * RFC 4180 records: quoted fields may hold the separator, quotes ("") and line breaks; CRLF or
 * LF. Yields each record with the line it starts on.
 */
function* records(text: string, delimiter: string): Generator<SheetRow> {
  let line = 1;
  let start = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let i = 0;
  const end = () => {
    fields.push(field);
    const row = { line: start, cells: fields.map(textCell) };
    field = '';
    fields = [];
    return row;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      yield end();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) yield end();
}

/** The first line that is not blank, found without splitting the whole text. */
function firstLine(text: string): string | undefined {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    if (line.trim() !== '') return line;
    if (end === -1) break;
    start = end + 1;
  }
  return undefined;
}

/** A CSV file as a table: header row, data rows; at most IMPORT_MAX_ROWS of them. */
export async function parseCsv(bytes: Uint8Array, slice: TimeSlice): Promise<Sheet> {
  const text = await decodeCsvText(bytes, slice);
  const headerLine = firstLine(text);
  if (headerLine === undefined) throw new FileProblem('empty', 'the file is empty');
  const delimiter = detectDelimiter(headerLine);
  let header: SheetRow | null = null;
  const rows: SheetRow[] = [];
  for (const row of records(text, delimiter)) {
    if (isBlankRow(row.cells)) continue;
    if (!header) {
      header = row;
      continue;
    }
    if (rows.length === IMPORT_MAX_ROWS) {
      throw new FileProblem('too_many_rows', `the file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows; split it into smaller files`);
    }
    rows.push(row);
    if (slice.due()) await slice.pause();
  }
  if (!header) throw new FileProblem('empty', 'the file is empty');
  return { format: 'csv', delimiter, header, rows };
}
