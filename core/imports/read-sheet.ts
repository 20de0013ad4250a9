import { IMPORT_MAX_FILE_BYTES } from '../base/limits';
import { parseCsv } from './parse-csv';
import { parseXlsx } from './parse-xlsx';
import { FileProblem, type Sheet } from './sheet';
import { timeSlice, type TimeSlice } from './time-slice';

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A file's bytes as a table. The format comes from the bytes, not the name: a zip is an .xlsx
 * workbook, anything else must be CSV text. The size is checked before anything is parsed.
 */
export async function readSheet(bytes: Uint8Array, slice: TimeSlice = timeSlice()): Promise<Sheet> {
  if (bytes.length > IMPORT_MAX_FILE_BYTES) {
    throw new FileProblem('too_large', `the file is larger than ${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB; split it into smaller files`);
  }
  if (bytes.length === 0) throw new FileProblem('empty', 'the file is empty');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return parseXlsx(bytes, slice);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FileProblem('old_excel', 'this is an old Excel file (.xls); save it as .xlsx or as "CSV UTF-8" and import that');
  }
  return parseCsv(bytes, slice);
}
