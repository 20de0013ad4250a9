import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '../base/limits';
import { FileProblem, isBlankRow, type Sheet, type SheetCell, type SheetRow } from './sheet';
import type { TimeSlice } from './time-slice';
import { unzippedSize } from './zip-size';

/** What a workbook may unpack to; an honest 5 MB workbook of 100,000 rows stays well below. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell as text for the preview: the day, the time, or both (Excel keeps a time alone on 30 Dec 1899). */
function dateText(d: Date): string {
  const day = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (d.getUTCFullYear() <= 1900) return time;
  return time === '00:00' ? day : `${day} ${time}`;
}

function cellOf(cell: ExcelJS.Cell): SheetCell {
  const v = cell.value;
  const isFormula =
    cell.type === ExcelJS.ValueType.Formula || Boolean(cell.formula) || (typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v));
  if (isFormula) {
    return { text: `=${cell.formula ?? ''}`, formula: true };
  }
  if (v === null || v === undefined) return { text: '' };
  if (v instanceof Date) return { text: dateText(v), date: v };
  if (typeof v === 'number') return { text: String(v), number: v };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE' };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join('') };
  if ('hyperlink' in v) return { text: typeof v.text === 'string' ? v.text : '' };
  if ('error' in v) return { text: String(v.error) };
  return { text: String(cell.text ?? '') };
}

/**
 * The first non-empty sheet of a workbook as a table. Formula cells are kept as formulas (their
 * cached result is never used), so validation refuses them.
 */
export async function parseXlsx(bytes: Uint8Array, slice: TimeSlice): Promise<Sheet> {
  const size = unzippedSize(bytes);
  if (size === null) throw new FileProblem('not_a_table', 'the file looks like an .xlsx workbook but cannot be read (damaged?)');
  if (size > MAX_UNZIPPED_BYTES) throw new FileProblem('too_large', 'the workbook unpacks to more than 200 MB; save the list alone in a new workbook');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    throw new FileProblem('not_a_table', `the .xlsx workbook cannot be read: ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new FileProblem('empty', 'the workbook has no rows');
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 1) {
    throw new FileProblem('too_many_rows', `the sheet has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows; split it into smaller files`);
  }
  const rows: SheetRow[] = [];
  for (let line = 1; line <= sheet.rowCount; line++) {
    const row = sheet.findRow(line);
    if (!row || !row.hasValues) continue;
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c)));
    if (!isBlankRow(cells)) rows.push({ line: row.number, cells });
    if (slice.due()) await slice.pause();
  }
  const [header, ...data] = rows;
  if (!header) throw new FileProblem('empty', 'the workbook has no rows');
  return { format: 'xlsx', delimiter: null, header, rows: data };
}
