import { FileProblem } from './sheet';
import type { TimeSlice } from './time-slice';

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const DECODE_PIECE = 256 * 1024;

/** Line (1-based) of a byte offset, counting LF bytes before it. */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

/**
 * The text of a CSV file: UTF-8, with or without a byte-order mark. Anything else is refused with
 * the line of the first bad byte rather than read as mojibake: German Excel's plain "CSV" is
 * Windows-1252, where "ä" is one byte that is not valid UTF-8.
 */
export async function decodeCsvText(bytes: Uint8Array, slice: TimeSlice): Promise<string> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new FileProblem('encoding', 'the file is UTF-16 text; save it as "CSV UTF-8" (or as .xlsx) and import that');
  }
  const body = UTF8_BOM.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw new FileProblem('not_a_table', 'the file is neither a CSV text nor an .xlsx workbook');
  try {
    // A piece at a time: 5 MB in one call holds the thread for tens of milliseconds.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const parts: string[] = [];
    for (let at = 0; at < body.length; at += DECODE_PIECE) {
      parts.push(decoder.decode(body.subarray(at, at + DECODE_PIECE), { stream: true }));
      if (slice.due()) await slice.pause();
    }
    parts.push(decoder.decode());
    return parts.join('');
  } catch {
    const at = firstInvalidUtf8(body);
    throw new FileProblem(
      'encoding',
      `broken encoding: line ${lineAt(body, Math.max(at, 0))} is not UTF-8 (probably Windows-1252/ANSI, where umlauts break). ` +
        'In Excel save as "CSV UTF-8 (durch Trennzeichen getrennt)" or as .xlsx, then import again',
      lineAt(body, Math.max(at, 0)),
    );
  }
}
